using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Engine.Processing;

/// Who is on call in a schedule at an instant: the de-duplicated union over its rotations, with
/// overrides applied (spec/domain.md §3.3).
public interface IOnCallResolver
{
    Task<IReadOnlyList<string>> OnCallAsync(AccountScope scope, ContactSnapshot schedule, Instant at, CancellationToken ct);
}

/// Until rotations are stored (issue 5), no schedule has anyone on call, and a schedule branch
/// produces no pages (spec/domain.md §8.17).
public sealed class NobodyOnCall : IOnCallResolver
{
    public Task<IReadOnlyList<string>> OnCallAsync(AccountScope scope, ContactSnapshot schedule, Instant at, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
