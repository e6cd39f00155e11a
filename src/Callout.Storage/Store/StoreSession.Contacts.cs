using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    /// How the scope's contacts are counted for the quota; exact, since writing sessions of one
    /// scope are serialized.
    protected abstract string CountContactsSql { get; }

    public async Task<Contact?> FindContactAsync(string alias, CancellationToken ct) =>
        await FirstAsync(Read(Selects.Contact + " AND alias = @alias").Bind("@alias", alias), ReadContact, ct).ConfigureAwait(false);

    /// One statement for all of them (a parameter per alias, which both databases take), sorted by
    /// alias; aliases with no contact are left out.
    public async Task<IReadOnlyList<Contact>> FindContactsAsync(IReadOnlyCollection<string> aliases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var distinct = aliases.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }
        var command = Read(Selects.Contact + " AND alias IN ("
            + string.Join(", ", distinct.Select((_, i) => "@alias" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            + ") ORDER BY alias");
        for (var i = 0; i < distinct.Count; i++)
        {
            command.Bind("@alias" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), distinct[i]);
        }
        return await ListAsync(command, ReadContact, ct).ConfigureAwait(false);
    }

    // A prefix is a range, not LIKE: '_' and '%' are legal in aliases. U+10FFFF sorts after every
    // character both databases' collations can meet (SQLite's BINARY, the column's COLLATE "C" on
    // PostgreSQL), so the bound admits every extension. A filter not given is bound as NULL and
    // left out of the statement.
    public async Task<IReadOnlyList<Contact>> ListContactsAsync(
        string? aliasPrefix, ContactKind? kind, string? afterAlias, int limit, CancellationToken ct) =>
        await ListAsync(Read(Selects.ListContacts[Selects.Variant(aliasPrefix, kind, afterAlias)])
            .Bind("@limit", limit)
            .Bind("@prefix", aliasPrefix)
            .Bind("@prefix_end", PrefixEnd(aliasPrefix))
            .Bind("@kind", kind is { } k ? Columns.Text(k) : null)
            .Bind("@after", afterAlias), ReadContact, ct).ConfigureAwait(false);

    protected static string? PrefixEnd(string? prefix) => prefix is null ? null : prefix + char.ConvertFromUtf32(0x10FFFF);

    public async Task<int> CountContactsAsync(CancellationToken ct) =>
        await CountAsync(Read(CountContactsSql), ct).ConfigureAwait(false);

    public Task InsertContactAsync(Contact contact, Instant now, CancellationToken ct) =>
        WriteAsync(BindContact(Write(Writes.InsertContact), contact, now), ct);

    public Task UpdateContactAsync(Contact contact, Instant now, CancellationToken ct) =>
        WriteAsync(BindContact(Write(Writes.UpdateContact), contact, now), ct);

    /// Deletes the dependents explicitly rather than trusting ON DELETE CASCADE alone: tags are
    /// keyed by ARN and have no foreign key, and SQLite's cascade depends on a per-connection pragma.
    public async Task DeleteContactAsync(string alias, CancellationToken ct)
    {
        await WriteAsync(Write(Writes.DeleteChannelsOfContact).Bind("@alias", alias), ct).ConfigureAwait(false);
        await WriteAsync(DeleteTags(ResourceArn.Contact(Scope, alias).ToString()), ct).ConfigureAwait(false);
        await WriteAsync(Write(Writes.DeletePolicy).Bind("@alias", alias), ct).ConfigureAwait(false);
        await WriteAsync(Write(Writes.DeleteContact).Bind("@alias", alias), ct).ConfigureAwait(false);
    }

    static DbCommand BindContact(DbCommand command, Contact contact, Instant now) => command
        .Bind("@alias", (contact ?? throw new ArgumentNullException(nameof(contact))).Alias)
        .Bind("@display_name", contact.DisplayName)
        .Bind("@kind", Columns.Text(contact.Kind))
        .Bind("@plan", PlanJson.Write(contact.Plan))
        .Bind("@now", Columns.Millis(now));

    Contact ReadContact(DbDataReader reader) => RowReader.Contact(reader, Scope);
}
