using System.Data.Common;
using Callout.Domain.Channels;
using Callout.Storage.Json;
using Callout.Storage.Rows;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    public async Task<ContactChannel?> FindChannelAsync(string channelId, CancellationToken ct) =>
        await FirstAsync(FindChannel(channelId), ReadChannel, ct).ConfigureAwait(false);

    protected DbCommand FindChannel(string channelId) => Read(Selects.Channel + " AND id = @id").Bind("@id", channelId);

    public async Task<IReadOnlyList<ContactChannel>> FindChannelsByAddressAsync(ChannelKind kind, string address, CancellationToken ct) =>
        await ListAsync(Read(Selects.Channel + " AND kind = @kind AND address = @address ORDER BY created_at, id")
            .Bind("@kind", Columns.Text(kind))
            .Bind("@address", address), ReadChannel, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<ContactChannel>> ListChannelsAsync(
        string contactAlias, string? afterChannelId, int limit, CancellationToken ct) =>
        await ListAsync(Read(Selects.ListChannels[Selects.Variant(afterChannelId)])
            .Bind("@alias", contactAlias)
            .Bind("@limit", limit)
            .Bind("@after", afterChannelId), ReadChannel, ct).ConfigureAwait(false);

    public async Task InsertChannelAsync(ContactChannel channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await WriteAsync(BindChannel(Write(Writes.InsertChannel), channel)
            .Bind("@alias", channel.ContactAlias)
            .Bind("@created_at", Columns.Millis(channel.CreatedAt)), ct).ConfigureAwait(false);
    }

    public Task UpdateChannelAsync(ContactChannel channel, CancellationToken ct) =>
        WriteAsync(BindChannel(Write(Writes.UpdateChannel), channel), ct);

    public async Task DeleteChannelAsync(string channelId, CancellationToken ct) =>
        await WriteAsync(Write(Writes.DeleteChannel).Bind("@id", channelId), ct).ConfigureAwait(false);

    static DbCommand BindChannel(DbCommand command, ContactChannel channel) => command
        .Bind("@id", (channel ?? throw new ArgumentNullException(nameof(channel))).Id)
        .Bind("@name", channel.Name)
        .Bind("@kind", Columns.Text(channel.Kind))
        .Bind("@address", channel.Address)
        .Bind("@activated", channel.Activated)
        .Bind("@code_hash", channel.ActivationCodeHash)
        .Bind("@code_expires", Columns.Millis(channel.ActivationCodeExpires))
        .Bind("@codes_sent", PlanJson.WriteInstants(channel.ActivationCodesSent));

    protected ContactChannel ReadChannel(DbDataReader reader) => RowReader.Channel(reader, Scope);
}
