using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Audit;
using Callout.Domain.Channels;
using Callout.Domain.Errors;
using Callout.Engine.Delivery;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.WebConsole.Identity;
using NodaTime;

namespace Callout.Server.WebConsole;

/// The admin page's test send: one message to an address typed in, through the provider the engine
/// would use for that channel type (DeliveryRouter, so the local outbox when none is configured),
/// recorded in the audit log as `Console.TestSend` (docs/decisions.md, "Console test sends").
/// The message names a channel of the contact alias `callout-test` whose id is the send's own, which
/// no real channel has, so providers' receivers and the message log can tell a test from a page.
sealed class TestMessages(DeliveryRouter router, AuditLog audit, TimeProvider time)
{
    public const string Operation = "Console.TestSend";
    public const string Alias = "callout-test";

    /// The provider's answer; refusals of the address are InvalidRequest, as the API's.
    public async Task<SendResult> SendAsync(HttpContext http, ConsoleUser user, string channelType, string address)
    {
        if (!ExternalNames.ChannelKinds.TryParse(channelType, out var kind))
        {
            throw new InvalidRequest($"'{channelType}' is not a channel type; use SMS, VOICE or EMAIL.", "channelType");
        }
        address = address.Trim();
        ChannelRules.CheckAddress(kind, address);
        var scope = AccountScope.For(user.Region, user.AccountId);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now).ToString();
        var channel = ResourceArn.Channel(scope, Alias, id);
        var sender = router.For(kind);
        SendResult result;
        try
        {
            result = await sender.SendAsync(new OutgoingMessage(scope, "test-" + id, kind, address,
                "Callout test message",
                $"This is a test message from Callout, sent from the console by {user.Name} through {sender.Name}. Nothing needs to be done.")
            {
                ChannelArn = channel,
            }, http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = SendResult.Failed("outcome unknown: " + e.Message, permanent: false);
        }
        await audit.AppendAloneAsync(new AuditRecord(Instant.FromDateTimeOffset(now), user.AccountId, user.Region, user.AuditCaller,
            ApiAudit.SourceOf(http), Operation, channel.ToString(), RequestIds.Next(),
            result.Accepted ? AuditRecord.Success : "DeliveryFailed"), CancellationToken.None);
        return result;
    }
}
