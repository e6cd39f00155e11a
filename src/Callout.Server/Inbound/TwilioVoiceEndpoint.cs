using Callout.Domain.Channels;
using Callout.Domain.Engagements;
using Callout.Engine.Acknowledgement;
using Callout.Server.Audit;

namespace Callout.Server.Inbound;

/// The script of a page call (`POST /_callout/voice/{token}`, the call's Url). Twilio posts when
/// the call is answered, which records DELIVERED, and reads the page while listening for a key; the
/// key is posted back here: 1 records READ, 2 reads the page again (docs/spec/domain.md §5).
sealed partial class TwilioVoiceEndpoint(TwilioRequests twilio, PageAcceptance acceptance, ILogger<TwilioVoiceEndpoint> log)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string token, CancellationToken ct)
    {
        var (refusal, form) = await twilio.ReadAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (await acceptance.FindAsync(token, ct) is not { } found)
        {
            return TwiML.Say("This page is not known. Goodbye.", StatusCodes.Status404NotFound);
        }
        var (scope, page, engagement) = found;
        var digits = form.GetValueOrDefault("Digits");
        if (page.ReadTime is null && digits == "1")
        {
            // Like the email link, the call's token acts only while the engagement runs.
            if ((await acceptance.AcceptWhileRunningAsync(scope, page.Id, AcceptKind.Read, note: null,
                InboundCall.Of(InboundCall.VoiceKeypress, request.HttpContext), ct)).Outcome
                == PageAcceptance.LinkOutcome.Accepted)
            {
                LogAcknowledged(page.Arn);
                return TwiML.Say("Acknowledged. Thank you. Goodbye.");
            }
            return TwiML.Say("This engagement has ended. Goodbye.");
        }
        if (page.ReadTime is not null)
        {
            return TwiML.Say(digits == "1" ? "Acknowledged. Thank you. Goodbye." : "This page has already been acknowledged. Goodbye.");
        }
        if (!engagement.Running)
        {
            return TwiML.Say("This engagement has ended. Goodbye.");
        }
        if (string.IsNullOrEmpty(digits) && page.DeliveryTime is null)
        {
            // Twilio fetches the script only once someone (or a machine) picked up.
            await acceptance.AcceptAsync(scope, page.Id, AcceptKind.Delivered, code: null, note: "ANSWERED",
                InboundCall.Of(InboundCall.VoiceAnswer, request.HttpContext), ct);
        }
        var text = PageMessages.For(engagement, ChannelKind.Voice, page.ContactAlias, await acceptance.CodeAsync(page, ct), null).Body;
        var prefix = string.IsNullOrEmpty(digits) || digits == "2" ? "" : "That key does nothing. ";
        return TwiML.Gather(prefix + text, twilio.UrlOf(request));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {PageArn} acknowledged by keypress")]
    partial void LogAcknowledged(Domain.Arns.ResourceArn pageArn);
}
