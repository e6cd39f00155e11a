using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task<Contact?> FindContactAsync(string alias, CancellationToken ct)
    {
        var command = Read(Selects.Contact + " AND alias = @alias").Bind("@alias", alias);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadContact(reader) : null;
    }

    public async Task<IReadOnlyList<Contact>> ListContactsAsync(
        string? aliasPrefix, ContactKind? kind, string? afterAlias, int limit, CancellationToken ct)
    {
        var variant = (aliasPrefix is null ? 0 : 1) | (kind is null ? 0 : 2) | (afterAlias is null ? 0 : 4);
        var command = Read(Selects.ListContacts[variant]).Bind("@limit", limit);
        if (aliasPrefix is not null)
        {
            // A range, not LIKE: '_' and '%' are legal in aliases. U+10FFFF sorts after every
            // character SQLite's BINARY collation can meet, so the bound admits every extension.
            command.Bind("@prefix", aliasPrefix).Bind("@prefix_end", aliasPrefix + char.ConvertFromUtf32(0x10FFFF));
        }
        if (kind is { } k)
        {
            command.Bind("@kind", Columns.Text(k));
        }
        if (afterAlias is not null)
        {
            command.Bind("@after", afterAlias);
        }
        var contacts = new List<Contact>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            contacts.Add(ReadContact(reader));
        }
        return contacts;
    }

    public async Task<int> CountContactsAsync(CancellationToken ct)
    {
        // Kept by triggers (Migrations/sqlite/0002_contact_counts.sql).
        var count = await Read(
                "SELECT coalesce((SELECT contacts FROM contact_counts WHERE account_id = @account AND region = @region), 0)")
            .ExecuteScalarAsync(ct).ConfigureAwait(false);
        return Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task InsertContactAsync(Contact contact, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await Write("""
                INSERT INTO contacts (account_id, region, alias, display_name, kind, plan, created_at, updated_at)
                VALUES (@account, @region, @alias, @display_name, @kind, @plan, @now, @now)
                """)
            .Bind("@alias", contact.Alias)
            .Bind("@display_name", contact.DisplayName)
            .Bind("@kind", Columns.Text(contact.Kind))
            .Bind("@plan", PlanJson.Write(contact.Plan))
            .Bind("@now", Columns.Millis(now))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task UpdateContactAsync(Contact contact, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await Write("""
                UPDATE contacts SET display_name = @display_name, kind = @kind, plan = @plan, updated_at = @now
                WHERE account_id = @account AND region = @region AND alias = @alias
                """)
            .Bind("@alias", contact.Alias)
            .Bind("@display_name", contact.DisplayName)
            .Bind("@kind", Columns.Text(contact.Kind))
            .Bind("@plan", PlanJson.Write(contact.Plan))
            .Bind("@now", Columns.Millis(now))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// Deletes the dependents explicitly rather than trusting ON DELETE CASCADE alone: tags are
    /// keyed by ARN and have no foreign key, and the cascade depends on a per-connection pragma.
    public async Task DeleteContactAsync(string alias, CancellationToken ct)
    {
        await Write("""
                DELETE FROM channels WHERE account_id = @account AND region = @region AND contact_alias = @alias;
                DELETE FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn;
                DELETE FROM policies WHERE account_id = @account AND region = @region AND contact_alias = @alias;
                DELETE FROM contacts WHERE account_id = @account AND region = @region AND alias = @alias;
                """)
            .Bind("@alias", alias)
            .Bind("@arn", ResourceArn.Contact(scope, alias).ToString())
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    Contact ReadContact(SqliteDataReader reader) => RowReader.Contact(reader, scope);
}
