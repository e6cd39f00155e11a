using Callout.Storage;

namespace Callout.Server.Hosting;

/// Remembers that the store reported damage (SQLITE_CORRUPT, PostgreSQL's data_corrupted) while
/// serving a call, so GET /health fails from then on: the cheap read /health makes may well miss
/// the damaged page that every other call trips on. Damage does not heal by itself; a restart
/// (which checks the file first) clears it.
sealed class StoreHealth
{
    volatile string? _damage;

    /// The first damage seen, or null.
    public string? Damage => _damage;

    public void Saw(Exception e)
    {
        if (_damage is null && StoreFaults.Of(e) == StoreFault.Corrupt)
        {
            _damage = e.Message;
        }
    }
}
