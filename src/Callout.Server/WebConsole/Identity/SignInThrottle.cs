using System.Collections.Concurrent;

namespace Callout.Server.WebConsole.Identity;

/// Limits password guessing at the sign-in page, per user name and per source address. After
/// `MaxFailures` wrong tries in a row a key is locked out, first for `FirstLockout`, then twice as
/// long at each lockout after it (up to `LongestLockout`); while it is locked even the right
/// password is refused, so a guesser learns nothing. A success clears the name's count. Counts are
/// kept in memory on each node (docs/security.md, Console); time is the server's TimeProvider.
sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailuresPerName = 5;
    public const int MaxFailuresPerAddress = 20;
    public static readonly TimeSpan FirstLockout = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestLockout = TimeSpan.FromHours(1);

    // Forgotten after this long without a try, so the tables stay small.
    static readonly TimeSpan Memory = TimeSpan.FromHours(24);
    const int MaxKeys = 100_000;

    sealed class Entry
    {
        public int Failures;
        public int Lockouts;
        public DateTimeOffset LockedUntil;
        public DateTimeOffset LastTry;
    }

    readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// When the try may be made; null when it may be made now.
    public DateTimeOffset? LockedUntil(string nameKey, string? address)
    {
        var now = time.GetUtcNow();
        var until = new[] { Find(NameKey(nameKey)), address is null ? null : Find(AddressKey(address)) }
            .Where(e => e is not null)
            .Select(e => { lock (e!) { return e.LockedUntil; } })
            .DefaultIfEmpty(DateTimeOffset.MinValue)
            .Max();
        return until > now ? until : null;
    }

    public void Failed(string nameKey, string? address)
    {
        Count(NameKey(nameKey), MaxFailuresPerName);
        if (address is not null)
        {
            Count(AddressKey(address), MaxFailuresPerAddress);
        }
    }

    /// The name's count starts over; the address's does not, so one right password does not
    /// open a window for guessing other names from the same place.
    public void Succeeded(string nameKey) => entries.TryRemove(NameKey(nameKey), out _);

    void Count(string key, int maxFailures)
    {
        var now = time.GetUtcNow();
        if (entries.Count >= MaxKeys)
        {
            Forget(now);
        }
        var entry = entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            entry.LastTry = now;
            entry.Failures++;
            if (entry.Failures >= maxFailures)
            {
                var lockout = FirstLockout * Math.Pow(2, Math.Min(entry.Lockouts, 10));
                entry.LockedUntil = now + (lockout < LongestLockout ? lockout : LongestLockout);
                entry.Lockouts++;
                entry.Failures = 0;
            }
        }
    }

    Entry? Find(string key) => entries.TryGetValue(key, out var entry) ? entry : null;

    void Forget(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (now - entry.LastTry > Memory && entry.LockedUntil < now)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    static string NameKey(string nameKey) => "name:" + nameKey;

    static string AddressKey(string address) => "address:" + address;
}
