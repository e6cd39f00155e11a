using Callout.Domain.Audit;
using Callout.Domain.Engagements;
using Callout.Server.Api;
using NodaTime;

namespace Callout.Server.Audit;

/// A person's (or a provider's) answer to a page through one of the inbound endpoints, for its
/// audit record: the caller is the page's channel, which the signed token or the sending number
/// stands for. Refused inbound requests (a forged token, a bad provider signature) are not
/// recorded: no known caller sent them.
sealed record InboundCall(string Operation, string? SourceAddress, string RequestId)
{
    public const string AcknowledgeLink = "Inbound.AcknowledgeLink";
    public const string SmsReply = "Inbound.SmsReply";
    public const string SmsOptOut = "Inbound.SmsOptOut";
    public const string VoiceAnswer = "Inbound.VoiceAnswer";
    public const string VoiceKeypress = "Inbound.VoiceKeypress";
    public const string WebhookAck = "Inbound.WebhookAck";
    public const string TwilioStatus = "Inbound.TwilioStatus";

    public static InboundCall Of(string operation, HttpContext http) => new(operation, ApiAudit.SourceOf(http), RequestIds.Next());

    public AuditRecord RecordFor(Page page, Instant now) => RecordFor(page.ChannelArn.ToString(), page.Arn.ToString(), page.Arn.Scope, now);

    public AuditRecord RecordFor(string channelArn, string resourceArn, Domain.Arns.AccountScope scope, Instant now) =>
        new(now, scope.AccountId, scope.Region, channelArn, SourceAddress, Operation, resourceArn, RequestId, AuditRecord.Success);
}
