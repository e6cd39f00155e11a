using Callout.Domain.ConsoleUsers;
using NodaTime;

namespace Callout.Domain.Ports;

/// The web console's users and the keys that sign its cookies. Both span all accounts (a user
/// names the account they belong to; a cookie is signed for the whole server), so they are read
/// and written outside any account's session, each call in a transaction of its own.
public interface IConsoleUserStore
{
    /// The user of that name, whatever its case; null when there is none.
    Task<ConsoleLogin?> FindConsoleUserAsync(string name, CancellationToken ct);

    /// The user linked to this OpenID Connect issuer and subject; null when none is.
    Task<ConsoleLogin?> FindConsoleUserByOidcAsync(string issuer, string subject, CancellationToken ct);

    /// Every user, by name.
    Task<IReadOnlyList<ConsoleLogin>> ListConsoleUsersAsync(CancellationToken ct);

    /// Adds the user; false when a user of that name (in any case) or with that OpenID Connect
    /// link already exists.
    Task<bool> AddConsoleUserAsync(ConsoleLogin user, CancellationToken ct);

    /// Replaces the stored user of that name (the name's case included, and CreatedAt kept);
    /// false when there is none, or when the OpenID Connect link is another user's.
    Task<bool> UpdateConsoleUserAsync(ConsoleLogin user, CancellationToken ct);

    /// False when there was no user of that name.
    Task<bool> RemoveConsoleUserAsync(string name, CancellationToken ct);

    /// The console's data-protection keys, as the XML elements ASP.NET Core wrote, oldest first.
    Task<IReadOnlyList<string>> ListConsoleKeysAsync(CancellationToken ct);

    /// Stores a key under a name of its own, added `now`; a name already stored keeps its first key.
    Task AddConsoleKeyAsync(string name, string xml, Instant now, CancellationToken ct);
}
