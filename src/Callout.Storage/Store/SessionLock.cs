namespace Callout.Storage.Store;

/// What a writing session is serialized on, by the call that opened it (IStore's Open*
/// calls say what each excludes). A reading session takes none, and a store whose writers take
/// turns anyway (SQLite's one writer) needs none of them.
internal abstract record SessionLock
{
    public sealed record Scope : SessionLock;

    public sealed record Engagement(string EngagementId) : SessionLock;

    public sealed record Pages(IReadOnlyCollection<string> PageIds) : SessionLock;

    public sealed record IdempotencyToken(string Operation, string Token) : SessionLock;
}
