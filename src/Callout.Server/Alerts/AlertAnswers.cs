using System.Text;
using System.Text.Json;
using Callout.Protocol.Framing;
using Microsoft.Net.Http.Headers;

namespace Callout.Server.Alerts;

/// The JSON answers of the webhook endpoints: `{"message": …}` for every refusal, so a sender's
/// log says what to fix, and what became of the alert otherwise.
static class AlertAnswers
{
    public static IResult Json(int status, Action<Utf8JsonWriter> members) =>
        Results.Content(Encoding.UTF8.GetString(ResponseFraming.Result(w =>
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        })), "application/json", Encoding.UTF8, status);

    public static IResult Message(int status, string message) => Json(status, w => w.WriteString("message", message));

    public static IResult Refuse(AlertRefusal refusal) => Message(refusal.Status, refusal.Reason);

    public static IResult MissingKey(HttpResponse response)
    {
        response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Message(StatusCodes.Status401Unauthorized, "Give the alert source's key at the end of the path or as Authorization: Bearer <key>.");
    }

    public static IResult Outcome(AlertSignal signal, AlertOutcome outcome) => Json(StatusCodes.Status200OK, w =>
    {
        w.WriteString("action", signal.Action switch
        {
            AlertAction.Trigger => "trigger",
            AlertAction.Resolve => "resolve",
            _ => "acknowledge",
        });
        if (outcome.IncidentArn is { } arn)
        {
            w.WriteString("incidentArn", arn);
        }
        else
        {
            w.WriteString("message", "No open incident has this alert's key; nothing to do.");
        }
        if (signal.Action == AlertAction.Trigger)
        {
            w.WriteBoolean("deduplicated", outcome.Deduplicated);
        }
    });
}
