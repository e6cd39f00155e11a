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
