using NodaTime;

namespace Callout.Domain.Incidents;

/// A resource policy attached to a response plan (PutResourcePolicy). AWS shares plans through
/// Resource Access Manager with it; Callout stores and returns it and enforces nothing
/// (docs/spec/incidents.md §3). `ShareRegion` is the region of the call that put it, returned as
/// the model's ramResourceShareRegion.
public sealed record ResponsePlanPolicy(string PlanName, string PolicyId, string Document, string ShareRegion, Instant CreatedAt);
