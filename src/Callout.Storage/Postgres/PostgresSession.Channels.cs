using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using Npgsql;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    public Task<ContactChannel?> FindChannelAsync(string channelId, CancellationToken ct) =>
        FirstAsync(FindChannel(channelId), ReadChannel, ct);

    NpgsqlCommand FindChannel(string channelId) => Read(Selects.Channel + " AND id = @id").Bind("@id", channelId);

    public async Task<IReadOnlyList<ContactChannel>> FindChannelsByAddressAsync(ChannelKind kind, string address, CancellationToken ct) =>
        await ListAsync(Read(Selects.Channel + " AND kind = @kind AND address = @address ORDER BY created_at, id")
            .Bind("@kind", Columns.Text(kind))
            .Bind("@address", address), ReadChannel, ct).ConfigureAwait(false);

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
        return await ListAsync(command, ReadChannel, ct).ConfigureAwait(false);
    }

    public async Task InsertChannelAsync(ContactChannel channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await DeferAsync(BindChannel(Write("""
                INSERT INTO channels (account_id, region, id, contact_alias, name, kind, address, activated,
                    activation_code_hash, activation_code_expires, activation_codes_sent, created_at)
                VALUES (@account, @region, @id, @alias, @name, @kind, @address, @activated,
                    @code_hash, @code_expires, @codes_sent, @created_at)
                """), channel)
            .Bind("@alias", channel.ContactAlias)
            .Bind("@created_at", Columns.Millis(channel.CreatedAt)));
    }

    /// The owner and creation time are fixed at insert; everything else follows the record.
    public async Task UpdateChannelAsync(ContactChannel channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await DeferAsync(BindChannel(Write("""
                UPDATE channels SET name = @name, kind = @kind, address = @address, activated = @activated,
                    activation_code_hash = @code_hash, activation_code_expires = @code_expires,
                    activation_codes_sent = @codes_sent
                WHERE account_id = @account AND region = @region AND id = @id
                """), channel));
    }

    public async Task DeleteChannelAsync(string channelId, CancellationToken ct)
    {
        await DeferAsync(Write("DELETE FROM channels WHERE account_id = @account AND region = @region AND id = @id")
            .Bind("@id", channelId));
    }

    static NpgsqlCommand BindChannel(NpgsqlCommand command, ContactChannel channel) => command
        .Bind("@id", channel.Id)
        .Bind("@name", channel.Name)
        .Bind("@kind", Columns.Text(channel.Kind))
        .Bind("@address", channel.Address)
        .Bind("@activated", channel.Activated)
        .Bind("@code_hash", channel.ActivationCodeHash)
        .Bind("@code_expires", Columns.Millis(channel.ActivationCodeExpires))
        .Bind("@codes_sent", PlanJson.WriteInstants(channel.ActivationCodesSent));

    ContactChannel ReadChannel(NpgsqlDataReader reader) => RowReader.Channel(reader, scope);
}
