using System.Text.RegularExpressions;
using Callout.Domain.Audit;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Processing;
using Callout.Server.Audit;

namespace Callout.Server.Inbound;

/// Replies to page SMS (`POST /_callout/twilio/sms`, the number's inbound-message webhook), per
/// docs/spec/domain.md §5: the code of an open page for the sending number acknowledges it (the code is
/// enforced); a bare ACK acknowledges the newest open page; STOP or UNSUBSCRIBE deactivates the
/// number's SMS channels and stops their open pages (OPT_OUT). Answers in TwiML.
sealed partial class TwilioSmsEndpoint(TwilioRequests twilio, PhonePages phones, PageAcceptance acceptance, IStore store,
    EngineSecrets secrets, AuditLog audit, ILogger<TwilioSmsEndpoint> log)
{
    static readonly HashSet<string> StopWords = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"], StringComparer.Ordinal);
    static readonly HashSet<string> StartWords = new(["START", "UNSTOP", "YES"], StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        var (refusal, form) = await twilio.ReadAsync(request, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var from = form.GetValueOrDefault("From") ?? "";
        var text = (form.GetValueOrDefault("Body") ?? "").Trim();
        var word = text.ToUpperInvariant();
        if (StopWords.Contains(word))
        {
            return await OptOutAsync(from, InboundCall.Of(InboundCall.SmsOptOut, request.HttpContext), ct);
        }
        if (StartWords.Contains(word))
        {
            // docs/spec/domain.md §2.2: sending may resume, but only a fresh activation code turns the channel back on.
            return TwiML.Message("Callout: to get pages on this number again, ask for a new activation code and enter it.");
        }

        var open = (await phones.FindAsync(from, ct))
            .SelectMany(f => f.OpenPages.Select(p => (f.Scope, Page: p)))
            .OrderByDescending(p => p.Page.SentTime ?? p.Page.CreatedAt)
            .ToList();
        if (Code().Match(text) is { Success: true } code)
        {
            var secret = await secrets.AcceptCodesAsync(ct);
            var hit = open.FirstOrDefault(p => AcceptCodes.Matches(secret, p.Page.Arn.ToString(), code.Value));
            if (hit.Page is null)
            {
                return TwiML.Message("Callout: that code matches no open page for this number.");
            }
            await acceptance.AcceptAsync(hit.Scope, hit.Page.Id, AcceptKind.Read, code.Value, note: null,
                InboundCall.Of(InboundCall.SmsReply, request.HttpContext), ct);
            LogAcknowledged(hit.Page.Arn);
            return TwiML.Message("Callout: page acknowledged.");
        }
        if (word == "ACK")
        {
            if (open.Count == 0)
            {
                return TwiML.Message("Callout: there is no open page for this number.");
            }
            await acceptance.AcceptAsync(open[0].Scope, open[0].Page.Id, AcceptKind.Read, code: null, note: null,
                InboundCall.Of(InboundCall.SmsReply, request.HttpContext), ct);
            LogAcknowledged(open[0].Page.Arn);
            return TwiML.Message("Callout: page acknowledged.");
        }
        return TwiML.Message("Callout: reply with the code from the page to acknowledge it, ACK for the newest page, or STOP to get no more pages.");
    }

    async Task<IResult> OptOutAsync(string from, InboundCall call, CancellationToken ct)
    {
        var now = acceptance.Now();
        var found = await phones.FindAsync(from, ct);
        foreach (var scope in found.GroupBy(f => f.Scope))
        {
            var records = new List<AuditRecord>();
            await using var session = await store.OpenAsync(scope.Key, write: true, ct);
            foreach (var (_, channel, pages) in scope)
            {
                if (await session.FindChannelAsync(channel.Id, ct) is { Activated: true } current)
                {
                    await session.UpdateChannelAsync(current with { Activated = false }, ct);
                }
                foreach (var page in pages)
                {
                    await session.AddReceiptAsync(new Receipt(page.Id, page.ChannelId, ReceiptKind.Stop, StopReasons.OptOut, now), ct);
                }
                LogOptedOut(channel.Arn);
                var record = call.RecordFor(channel.Arn.ToString(), channel.Arn.ToString(), scope.Key, now);
                await session.AppendAuditAsync(record, ct);
                records.Add(record);
            }
            await session.CommitAsync(ct);
            records.ForEach(audit.Stored);
        }
        return TwiML.Message("Callout: this number will get no more pages.");
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex Code();

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {PageArn} acknowledged by SMS reply")]
    partial void LogAcknowledged(Domain.Arns.ResourceArn pageArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel {ChannelArn} deactivated: its number opted out by SMS")]
    partial void LogOptedOut(Domain.Arns.ResourceArn channelArn);
}
