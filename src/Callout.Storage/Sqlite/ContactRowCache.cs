using System.Collections.Concurrent;
using Callout.Domain.Arns;
using Callout.Domain.Contacts;

namespace Callout.Storage.Sqlite;

/// Contact rows read before, answered again without a transaction until a write could have
/// changed them: GetContact reads one row per call, and that read with the transaction around it
/// (a pooled connection, BEGIN, the file locks, ROLLBACK, the plan's JSON) took about a fifth of
/// the server's CPU per call in a profile under load. Only a file store keeps one.
///
/// Every write of the store goes through its one writer, and nothing else writes the file while
/// the server runs (DataDirectoryLock keeps out other servers, migrate and restore; `callout users`
/// writes only console users). So a generation counted like a sequence lock, odd while anything
/// holds the writer and even otherwise, says when a row may be stale: a row is kept only when the
/// generation was even before its read transaction began, and served only while the generation
/// is still that one. A writer's arrival makes every kept row unusable before its first
/// statement runs, and they are dropped when the next row is kept.
internal sealed class ContactRowCache
{
    // Rows kept per generation; more are read from the database as before.
    const int Capacity = 4096;

    long generation;
    Rows rows = new(0);

    public void WriterEntered() => Interlocked.Increment(ref generation);

    public void WriterLeft() => Interlocked.Increment(ref generation);

    /// The generation to keep a row under, taken before its read transaction begins; null while
    /// a writer holds the store, when what the read sees may be about to change.
    public long? Stamp()
    {
        var g = Volatile.Read(ref generation);
        return (g & 1) == 0 ? g : null;
    }

    public Contact? Find(AccountScope scope, string alias)
    {
        var g = Volatile.Read(ref generation);
        var kept = Volatile.Read(ref rows);
        return kept.Generation == g && kept.Contacts.TryGetValue(new Key(scope.AccountId, scope.Region, alias), out var contact)
            ? contact
            : null;
    }

    /// Keeps a row read in a transaction that began after `stamp` was taken.
    public void Keep(long stamp, AccountScope scope, string alias, Contact contact)
    {
        var kept = Volatile.Read(ref rows);
        if (kept.Generation != stamp)
        {
            if (Volatile.Read(ref generation) != stamp)
            {
                // A writer came after the read began: the row may be stale already.
                return;
            }
            var fresh = new Rows(stamp);
            kept = Interlocked.CompareExchange(ref rows, fresh, kept) == kept ? fresh : Volatile.Read(ref rows);
            if (kept.Generation != stamp)
            {
                return;
            }
        }
        // Two reads of one generation saw the same row, so either may keep it.
        if (Volatile.Read(ref kept.Count) < Capacity && kept.Contacts.TryAdd(new Key(scope.AccountId, scope.Region, alias), contact))
        {
            Interlocked.Increment(ref kept.Count);
        }
    }

    readonly record struct Key(string Account, string Region, string Alias);

    sealed class Rows(long generation)
    {
        public readonly long Generation = generation;
        public readonly ConcurrentDictionary<Key, Contact> Contacts = new();
        public int Count;
    }
}
