using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using Microsoft.Data.Sqlite;

namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task<ContactChannel?> FindChannelAsync(string channelId, CancellationToken ct)
    {
        var command = Read(Selects.Channel + " AND id = @id").Bind("@id", channelId);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadChannel(reader) : null;
    }

    public async Task<IReadOnlyList<ContactChannel>> FindChannelsByAddressAsync(ChannelKind kind, string address, CancellationToken ct)
    {
        var command = Read(Selects.Channel + " AND kind = @kind AND address = @address ORDER BY created_at, id")
            .Bind("@kind", Columns.Text(kind))
            .Bind("@address", address);
        var channels = new List<ContactChannel>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            channels.Add(ReadChannel(reader));
        }
        return channels;
    }

    public async Task<IReadOnlyList<ContactChannel>> ListChannelsAsync(
        string contactAlias, string? afterChannelId, int limit, CancellationToken ct)
    {
        const string Order = " ORDER BY created_at, id LIMIT @limit";
        // A row-value comparison with the "after" channel's own position; when that channel is
        // gone the comparison is NULL and the page is empty rather than starting over.
        var command = afterChannelId is null
            ? Read(Selects.Channel + " AND contact_alias = @alias" + Order)
            : Read(Selects.Channel + """
                 AND contact_alias = @alias AND (created_at, id) > (
                    SELECT created_at, id FROM channels WHERE account_id = @account AND region = @region AND id = @after)
                """ + Order).Bind("@after", afterChannelId);
        command.Bind("@alias", contactAlias).Bind("@limit", limit);
        var channels = new List<ContactChannel>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            channels.Add(ReadChannel(reader));
        }
        return channels;
    }

    public async Task InsertChannelAsync(ContactChannel channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await BindChannel(Write("""
                INSERT INTO channels (account_id, region, id, contact_alias, name, kind, address, activated,
                    activation_code_hash, activation_code_expires, activation_codes_sent, created_at)
                VALUES (@account, @region, @id, @alias, @name, @kind, @address, @activated,
                    @code_hash, @code_expires, @codes_sent, @created_at)
                """), channel)
            .Bind("@alias", channel.ContactAlias)
            .Bind("@created_at", Columns.Millis(channel.CreatedAt))
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// The owner and creation time are fixed at insert; everything else follows the record.
    public async Task UpdateChannelAsync(ContactChannel channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await BindChannel(Write("""
                UPDATE channels SET name = @name, kind = @kind, address = @address, activated = @activated,
                    activation_code_hash = @code_hash, activation_code_expires = @code_expires,
                    activation_codes_sent = @codes_sent
                WHERE account_id = @account AND region = @region AND id = @id
                """), channel)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task DeleteChannelAsync(string channelId, CancellationToken ct)
    {
        await Write("DELETE FROM channels WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", channelId)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    static SqliteCommand BindChannel(SqliteCommand command, ContactChannel channel) => command
        .Bind("@id", channel.Id)
        .Bind("@name", channel.Name)
        .Bind("@kind", Columns.Text(channel.Kind))
        .Bind("@address", channel.Address)
        .Bind("@activated", channel.Activated ? 1 : 0)
        .Bind("@code_hash", channel.ActivationCodeHash)
        .Bind("@code_expires", channel.ActivationCodeExpires is { } expires ? Columns.Millis(expires) : null)
        .Bind("@codes_sent", PlanJson.WriteInstants(channel.ActivationCodesSent));

    ContactChannel ReadChannel(SqliteDataReader reader) => RowReader.Channel(reader, scope);
}
