using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Domain.Tags;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Mapping;
using Callout.Server.Operations.Tags;
using NodaTime;

namespace Callout.Server.Operations.Rotations;

/// A StartTime left out is the request time, to the second (docs/spec/rotations.md §1.1), but it is
/// remembered as not given, so Get and List leave it out (docs/decisions.md, Rotations).
sealed class CreateRotation(IStore store, ServiceLimits limits, TimeProvider time) : IOperation<CreateRotationRequest, CreateRotationResult>
{
    public async Task<CreateRotationResult> HandleAsync(CreateRotationRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        var now = context.Now();
        var recurrence = RecurrenceMapper.ToDomain(request.Recurrence);
        RotationRules.ResolveZone(request.TimeZoneId);
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.IdempotencyToken, ResourceTypes.Rotation, ct) is { } earlier)
        {
            return new CreateRotationResult { RotationArn = earlier };
        }
        var members = await session.MemberAliasesAsync(request.ContactIds, scope, ct);
        RotationRules.CheckRotation(members, recurrence);
        if (await session.CountRotationsAsync(ct) >= limits.RotationsPerAccount)
        {
            throw new QuotaExceeded("L-SSMC-ROTATIONS", $"An account can have at most {limits.RotationsPerAccount} rotations.");
        }
        var arn = new ResourceArn(scope, ResourceKind.Rotation, Guid.CreateVersion7(time.GetUtcNow()).ToString());
        var start = Times.Of(request.StartTime) ?? Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var tags = TagRules.Merge(new Dictionary<string, string>(), TaggedResources.Pairs(request.Tags ?? []).ToList(), arn.ToString(), limits);

        await session.InsertRotationAsync(new Domain.Rotations.Rotation(arn, request.Name, members, start, request.TimeZoneId, recurrence, now,
            StartTimeGiven: request.StartTime is not null), ct);
        if (tags.Count > 0)
        {
            await session.SetTagsAsync(arn.ToString(), tags, ct);
        }
        await Idempotency.RememberAsync(session, context, request.IdempotencyToken, arn.ToString(), ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new CreateRotationResult { RotationArn = arn.ToString() };
    }
}
