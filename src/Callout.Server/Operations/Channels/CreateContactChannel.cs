using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Channels;

/// A new channel starts NOT_ACTIVATED and gets an activation code at once unless DeferActivation
/// is set (docs/spec/domain.md §2.2).
sealed class CreateContactChannel(IStore store, ServiceLimits limits, ActivationIssuer activation, TimeProvider time)
    : IOperation<CreateContactChannelRequest, CreateContactChannelResult>
{
    public async Task<CreateContactChannelResult> HandleAsync(CreateContactChannelRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        var now = context.Now();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.IdempotencyToken, ResourceTypes.ContactChannel, ct) is { } earlier)
        {
            return new CreateContactChannelResult { ContactChannelArn = earlier };
        }

        var contact = await session.RequireContactAsync(request.ContactId, scope, ct);
        ChannelRules.CheckOwner(contact.Kind);
        var kind = WireNames.ChannelKind(request.Type);
        var address = request.DeliveryAddress.SimpleAddress ?? "";
        ChannelRules.CheckAddress(kind, address);
        var siblings = await session.ListChannelsAsync(contact.Alias, null, int.MaxValue, ct);
        if (siblings.Count >= limits.ChannelsPerContact)
        {
            throw new QuotaExceeded("L-SSMC-CHANNELS-PER-CONTACT", $"A contact can have at most {limits.ChannelsPerContact} channels.");
        }
        ChannelRules.CheckUnique(siblings, null, request.Name, kind, address);

        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        // Channels are listed by (creation time, id); times are stored to the millisecond, and ids
        // of one millisecond are in no order. A channel made in the millisecond of its newest
        // sibling is stamped a millisecond later, so the list keeps the order of creation.
        var millisecond = NodaTime.Instant.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var newest = siblings.Count == 0 ? millisecond : siblings.Max(c => c.CreatedAt);
        var createdAt = millisecond > newest ? now : newest + NodaTime.Duration.FromMilliseconds(1);
        var channel = new Domain.Channels.ContactChannel(ResourceArn.Channel(scope, contact.Alias, id), contact.Alias, request.Name, kind, address,
            Activated: false, ActivationCodeHash: null, ActivationCodeExpires: null, ActivationCodesSent: [], CreatedAt: createdAt);
        Func<CancellationToken, Task>? deliver = null;
        if (request.DeferActivation != true)
        {
            (channel, deliver) = activation.Prepare(channel, now);
        }
        await session.InsertChannelAsync(channel, ct);
        await Idempotency.RememberAsync(session, context, request.IdempotencyToken, channel.Arn.ToString(), ct);
        await session.CommitAuditedAsync(context, channel.Arn, ct);
        await session.DisposeAsync();
        if (deliver is not null)
        {
            await deliver(ct);
        }
        return new CreateContactChannelResult { ContactChannelArn = channel.Arn.ToString() };
    }
}
