using Callout.Storage.Rows;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Callout.Storage.Postgres;

internal sealed partial class PostgresSession
{
    public async Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string resourceArn, CancellationToken ct)
    {
        var rows = await ListAsync(Read("SELECT key, value FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn")
            .Bind("@arn", resourceArn), r => (Key: r.GetString(0), Value: r.GetString(1)), ct).ConfigureAwait(false);
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in rows)
        {
            tags[key] = value;
        }
        return tags;
    }

    /// Two statements whatever the number of tags: the old tags go, the new ones come from two
    /// parallel arrays.
    public async Task SetTagsAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await DeferAsync(Write("DELETE FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn")
            .Bind("@arn", resourceArn));
        var command = Write("""
                INSERT INTO tags (account_id, region, resource_arn, key, value)
                SELECT @account, @region, @arn, key, value FROM unnest(@keys, @values) AS t(key, value)
                """)
            .Bind("@arn", resourceArn);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags.Keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags.Values.ToArray() });
        await DeferAsync(command);
    }

    public async Task<string?> GetPolicyAsync(string contactAlias, CancellationToken ct) =>
        await ScalarAsync(Read("SELECT policy FROM policies WHERE account_id = @account AND region = @region AND contact_alias = @alias")
            .Bind("@alias", contactAlias), ct).ConfigureAwait(false) as string;

    public async Task PutPolicyAsync(string contactAlias, string policy, Instant now, CancellationToken ct)
    {
        await DeferAsync(Write("""
                INSERT INTO policies (account_id, region, contact_alias, policy, updated_at)
                VALUES (@account, @region, @alias, @policy, @now)
                ON CONFLICT (account_id, region, contact_alias) DO UPDATE
                SET policy = excluded.policy, updated_at = excluded.updated_at
                """)
            .Bind("@alias", contactAlias)
            .Bind("@policy", policy)
            .Bind("@now", Columns.Millis(now)));
    }
}
