using System.Security;

namespace Callout.Server.Inbound;

/// Twilio's reply language (https://www.twilio.com/docs/voice/twiml, /messaging/twiml).
static class TwiML
{
    public static IResult Message(string text) => Response($"<Message>{Escape(text)}</Message>");

    public static IResult Say(string text, int statusCode = StatusCodes.Status200OK) =>
        Response($"<Say>{Escape(text)}</Say><Hangup/>", statusCode);

    /// Reads the text while listening for one key, which is posted to `action`.
    public static IResult Gather(string text, string action) => Response(
        $"<Gather numDigits=\"1\" action=\"{Escape(action)}\" method=\"POST\"><Say>{Escape(text)}</Say></Gather>"
        + "<Say>No key was pressed. Goodbye.</Say><Hangup/>");

    static IResult Response(string verbs, int statusCode = StatusCodes.Status200OK) => Results.Content(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>", "text/xml; charset=utf-8", statusCode: statusCode);

    static string Escape(string text) => SecurityElement.Escape(text);
}
