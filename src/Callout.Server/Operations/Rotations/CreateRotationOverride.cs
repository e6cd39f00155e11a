using Callout.Domain;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Mapping;
using NodaTime;

namespace Callout.Server.Operations.Rotations;

/// Overrides name members of the rotation, last at least 30 minutes, end in the future and at most
/// six months ahead (docs/spec/rotations.md §1.3, §5).
sealed class CreateRotationOverride(IStore store, ServiceLimits limits, TimeProvider time)
    : IOperation<CreateRotationOverrideRequest, CreateRotationOverrideResult>
{
    public async Task<CreateRotationOverrideResult> HandleAsync(CreateRotationOverrideRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        var now = context.Now();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.IdempotencyToken, ResourceTypes.RotationOverride, ct) is { } earlier)
        {
            return new CreateRotationOverrideResult { RotationOverrideId = earlier };
        }
        var rotation = await session.RequireRotationAsync(request.RotationId, scope, ct);
        var members = new List<string>(request.NewContactIds.Count);
        foreach (var id in request.NewContactIds)
        {
            members.Add(Domain.Arns.ArnResolver.Resolve(id, Domain.Arns.ResourceKind.Contact, scope, "newContactIds").Alias);
        }
        var start = Times.Of(request.StartTime)!.Value;
        var end = Times.Of(request.EndTime)!.Value;
        RotationRules.CheckOverride(rotation.ContactAliases, rotation.StartTime, members, start, end, now, preview: false);
        if (await session.CountActiveOverridesAsync(rotation.Id, now, ct) >= limits.ActiveOverridesPerRotation)
        {
            throw new QuotaExceeded("L-SSMC-OVERRIDES-PER-ROTATION",
                $"A rotation can have at most {limits.ActiveOverridesPerRotation} overrides that have not ended.", rotation.Arn.ToString(), ResourceTypes.Rotation);
        }
        var overrideId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        // The later of two overlapping overrides wins (docs/spec/rotations.md §2.7), and creation
        // times are kept to the millisecond: one made in the same millisecond as the rotation's
        // newest is dated a millisecond after it, so "later" never falls to the random id.
        var createdAt = await session.LatestOverrideCreationAsync(rotation.Id, ct) is { } newest
            && newest + Duration.FromMilliseconds(1) is var next && next > now
                ? next
                : now;
        await session.InsertOverrideAsync(new Domain.Rotations.RotationOverride(overrideId, rotation.Id, members, start, end, createdAt), ct);
        await Idempotency.RememberAsync(session, context, request.IdempotencyToken, overrideId, ct);
        await session.CommitAuditedAsync(context, rotation.Arn, ct);
        return new CreateRotationOverrideResult { RotationOverrideId = overrideId };
    }
}
