using System.Data.Common;
using Callout.Domain.ConsoleUsers;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

/// The console's users and cookie keys (IConsoleUserStore): store-wide, each call a statement of
/// its own. ON CONFLICT DO NOTHING covers both the name and the OpenID Connect link, so a second
/// user with either is refused by the database, not by a read that could race.
public abstract partial class DbStore
{
    const string SelectConsoleUsers = """
        SELECT name, account_id, role, contact_arn, password_hash, oidc_issuer, oidc_subject, disabled, created_at, updated_at
        FROM console_users
        """;

    public async Task<ConsoleLogin?> FindConsoleUserAsync(string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (await ListAsync(SelectConsoleUsers + " WHERE name_key = @name_key",
            c => c.Bind("@name_key", ConsoleLogin.NameKey(name)), ReadConsoleUser, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<ConsoleLogin?> FindConsoleUserByOidcAsync(string issuer, string subject, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return (await ListAsync(SelectConsoleUsers + " WHERE oidc_issuer = @issuer AND oidc_subject = @subject",
            c => c.Bind("@issuer", issuer).Bind("@subject", subject), ReadConsoleUser, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ConsoleLogin>> ListConsoleUsersAsync(CancellationToken ct) =>
        await ListAsync(SelectConsoleUsers + " ORDER BY name_key", _ => { }, ReadConsoleUser, ct).ConfigureAwait(false);

    public async Task<bool> AddConsoleUserAsync(ConsoleLogin user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ObjectDisposedException.ThrowIf(disposed, this);
        return await ExecuteAsync("""
                INSERT INTO console_users (name_key, name, account_id, role, contact_arn, password_hash, oidc_issuer, oidc_subject, disabled, created_at, updated_at)
                VALUES (@name_key, @name, @account, @role, @contact, @hash, @issuer, @subject, @disabled, @created, @updated)
                ON CONFLICT DO NOTHING
                """, c => BindConsoleUser(c, user).Bind("@created", Columns.Millis(user.CreatedAt)), ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> UpdateConsoleUserAsync(ConsoleLogin user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ObjectDisposedException.ThrowIf(disposed, this);
        return await ExecuteAsync("""
                UPDATE console_users
                SET name = @name, account_id = @account, role = @role, contact_arn = @contact, password_hash = @hash,
                    oidc_issuer = @issuer, oidc_subject = @subject, disabled = @disabled, updated_at = @updated
                WHERE name_key = @name_key
                  AND NOT EXISTS (SELECT 1 FROM console_users other
                                  WHERE other.oidc_issuer = @issuer AND other.oidc_subject = @subject AND other.name_key <> @name_key)
                """, c => BindConsoleUser(c, user), ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveConsoleUserAsync(string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(disposed, this);
        return await ExecuteAsync("DELETE FROM console_users WHERE name_key = @name_key",
            c => c.Bind("@name_key", ConsoleLogin.NameKey(name)), ct).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<string>> ListConsoleKeysAsync(CancellationToken ct) =>
        await ListAsync("SELECT xml FROM console_keys ORDER BY added_at, name", _ => { }, r => r.GetString(0), ct).ConfigureAwait(false);

    public Task AddConsoleKeyAsync(string name, string xml, Instant now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        ObjectDisposedException.ThrowIf(disposed, this);
        return ExecuteAsync("INSERT INTO console_keys (name, xml, added_at) VALUES (@name, @xml, @added_at) ON CONFLICT (name) DO NOTHING",
            c => c.Bind("@name", name).Bind("@xml", xml).Bind("@added_at", Columns.Millis(now)), ct);
    }

    static DbCommand BindConsoleUser(DbCommand c, ConsoleLogin user) => c
        .Bind("@name_key", ConsoleLogin.NameKey(user.Name))
        .Bind("@name", user.Name)
        .Bind("@account", user.AccountId)
        .Bind("@role", user.Role)
        .Bind("@contact", user.ContactArn)
        .Bind("@hash", user.PasswordHash)
        .Bind("@issuer", user.OidcIssuer)
        .Bind("@subject", user.OidcSubject)
        .Bind("@disabled", user.Disabled)
        .Bind("@updated", Columns.Millis(user.UpdatedAt));

    static ConsoleLogin ReadConsoleUser(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.GetBoolean(7),
        Columns.InstantOf(r.GetInt64(8)),
        Columns.InstantOf(r.GetInt64(9)));
}
