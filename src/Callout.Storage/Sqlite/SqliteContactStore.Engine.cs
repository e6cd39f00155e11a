using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Storage.Sqlite;

// Placeholder while the engagement tables are written; replaced before anything uses it.
public sealed partial class SqliteContactStore
{
    public Task<IReadOnlyList<ClaimedStep>> ClaimDueStepsAsync(Instant now, string owner, Instant leaseUntil, int limit, CancellationToken ct) => throw new NotImplementedException();

    public Task<Instant?> NextDueAsync(CancellationToken ct) => throw new NotImplementedException();

    public Task<byte[]> GetSecretAsync(string name, CancellationToken ct) => throw new NotImplementedException();

    public Task<long> CountRunningEngagementsAsync(CancellationToken ct) => throw new NotImplementedException();
}
