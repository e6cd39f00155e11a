using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using Npgsql;
using NodaTime;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    public Task<Contact?> FindContactAsync(string alias, CancellationToken ct) =>
        FirstAsync(Read(Selects.Contact + " AND alias = @alias").Bind("@alias", alias), ReadContact, ct);

    public async Task<IReadOnlyList<Contact>> ListContactsAsync(
        string? aliasPrefix, ContactKind? kind, string? afterAlias, int limit, CancellationToken ct)
    {
        var variant = (aliasPrefix is null ? 0 : 1) | (kind is null ? 0 : 2) | (afterAlias is null ? 0 : 4);
        var command = Read(Selects.ListContacts[variant]).Bind("@limit", limit);
        if (aliasPrefix is not null)
        {
            // A range, not LIKE: '_' and '%' are legal in aliases. The column is COLLATE "C", where
            // U+10FFFF sorts after every other character, so the bound admits every extension.
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
        return await ListAsync(command, ReadContact, ct).ConfigureAwait(false);
    }

    /// A count of the primary key's range for the scope (an index-only scan). Exact for the
    /// quota check: writing sessions of one scope are serialized (PostgresContactStore).
    public async Task<int> CountContactsAsync(CancellationToken ct)
    {
        var count = await ScalarAsync(Read("SELECT count(*) FROM contacts WHERE account_id = @account AND region = @region"), ct)
            .ConfigureAwait(false);
        return Convert.ToInt32(count, CultureInfo.InvariantCulture);
    }

    public async Task InsertContactAsync(Contact contact, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await DeferAsync(BindContact(Write("""
                INSERT INTO contacts (account_id, region, alias, display_name, kind, plan, created_at, updated_at)
                VALUES (@account, @region, @alias, @display_name, @kind, @plan, @now, @now)
                """), contact, now));
    }

    public async Task UpdateContactAsync(Contact contact, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contact);
        await DeferAsync(BindContact(Write("""
                UPDATE contacts SET display_name = @display_name, kind = @kind, plan = @plan, updated_at = @now
                WHERE account_id = @account AND region = @region AND alias = @alias
                """), contact, now));
    }

    /// Deletes the dependents explicitly, as the SQLite store does: tags are keyed by ARN and have
    /// no foreign key.
    public async Task DeleteContactAsync(string alias, CancellationToken ct)
    {
        await DeferAsync(Write("DELETE FROM channels WHERE account_id = @account AND region = @region AND contact_alias = @alias")
            .Bind("@alias", alias));
        await DeferAsync(Write("DELETE FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn")
            .Bind("@arn", ResourceArn.Contact(scope, alias).ToString()));
        await DeferAsync(Write("DELETE FROM policies WHERE account_id = @account AND region = @region AND contact_alias = @alias")
            .Bind("@alias", alias));
        await DeferAsync(Write("DELETE FROM contacts WHERE account_id = @account AND region = @region AND alias = @alias")
            .Bind("@alias", alias));
    }

    static NpgsqlCommand BindContact(NpgsqlCommand command, Contact contact, Instant now) => command
        .Bind("@alias", contact.Alias)
        .Bind("@display_name", contact.DisplayName)
        .Bind("@kind", Columns.Text(contact.Kind))
        .Bind("@plan", PlanJson.Write(contact.Plan))
        .Bind("@now", Columns.Millis(now));

    Contact ReadContact(NpgsqlDataReader reader) => RowReader.Contact(reader, scope);
}
