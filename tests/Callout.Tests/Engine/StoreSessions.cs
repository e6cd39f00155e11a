using Callout.Domain.Arns;
using Callout.Domain.Ports;

namespace Callout.Tests.Engine;

/// One session per call, for tests that set up and read back what the engine did.
static class StoreSessions
{
    public static async Task<T> ReadAsync<T>(this IStore store, AccountScope scope, Func<IStoreSession, Task<T>> query)
    {
        await using var session = await store.OpenAsync(scope, write: false, CancellationToken.None);
        return await query(session);
    }

    public static async Task CommitAsync(this IStore store, AccountScope scope, Func<IStoreSession, Task> work)
    {
        await using var session = await store.OpenAsync(scope, write: true, CancellationToken.None);
        await work(session);
        await session.CommitAsync(CancellationToken.None);
    }
}
