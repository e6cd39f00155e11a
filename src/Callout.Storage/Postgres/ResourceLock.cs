using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Arns;
using Callout.Storage.Store;
using Npgsql;

namespace Callout.Storage.Postgres;

/// The transaction-level advisory locks sessions are serialized on. A scope's lock has a single
/// bigint key; those of an engagement, a page or an idempotency token use the two-int4-key form of
/// pg_advisory_xact_lock, which PostgreSQL keeps apart from the single-bigint keys of the scope and
/// migration locks, so the kinds never collide. Each is a SELECT returning one row.
static class ResourceLock
{
    // Scope lock keys, computed once per scope this node writes to.
    static readonly ConcurrentDictionary<AccountScope, long> ScopeKeys = new();

    public static NpgsqlCommand For(AccountScope scope, SessionLock sessionLock) => sessionLock switch
    {
        SessionLock.Scope => new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)")
            .Bind("@key", ScopeKeys.GetOrAdd(scope, s => PostgresMigrator.AdvisoryKey($"callout/scope/{s.AccountId}/{s.Region}"))),
        SessionLock.Engagement e => Command($"callout/engagement/{scope.AccountId}/{scope.Region}/{e.EngagementId}"),
        SessionLock.Pages { PageIds.Count: 1 } p => Command(PageName(scope, p.PageIds.First())),
        SessionLock.Pages p => Pages(scope, p.PageIds),
        SessionLock.IdempotencyToken t => Command($"callout/idempotency/{scope.AccountId}/{scope.Region}/{t.Operation}/{t.Token}"),
        _ => throw new ArgumentOutOfRangeException(nameof(sessionLock), sessionLock, null),
    };

    /// The locks of several pages in one statement, taken in the order of their keys, so sessions
    /// locking overlapping sets of pages never wait for each other in a circle. A single page's
    /// lock is the same lock as its entry here.
    static NpgsqlCommand Pages(AccountScope scope, IEnumerable<string> pageIds)
    {
        var keys = pageIds.Select(id => Key(PageName(scope, id))).Distinct().Order().ToArray();
        // The aggregate takes the rows in the subquery's order, so the locks are taken in it too.
        return new NpgsqlCommand("""
                SELECT count(pg_advisory_xact_lock(high, low))
                FROM (SELECT high, low FROM unnest(@highs, @lows) WITH ORDINALITY AS k(high, low, n) ORDER BY n) AS ordered
                """)
        {
            Parameters =
            {
                new NpgsqlParameter<int[]>("highs", [.. keys.Select(k => k.High)]),
                new NpgsqlParameter<int[]>("lows", [.. keys.Select(k => k.Low)]),
            },
        };
    }

    static string PageName(AccountScope scope, string pageId) => $"callout/page/{scope.AccountId}/{scope.Region}/{pageId}";

    static NpgsqlCommand Command(string name)
    {
        var (high, low) = Key(name);
        return new NpgsqlCommand("SELECT pg_advisory_xact_lock(@high, @low)")
            .Bind("@high", high)
            .Bind("@low", low);
    }

    static (int High, int Low) Key(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return (BinaryPrimitives.ReadInt32LittleEndian(hash), BinaryPrimitives.ReadInt32LittleEndian(hash.AsSpan(4)));
    }
}
