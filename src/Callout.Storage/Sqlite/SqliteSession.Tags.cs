namespace Callout.Storage.Sqlite;

internal sealed partial class SqliteSession
{
    public async Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string resourceArn, CancellationToken ct)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await Read(
                "SELECT key, value FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn")
            .Bind("@arn", resourceArn)
            .ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            tags[reader.GetString(0)] = reader.GetString(1);
        }
        return tags;
    }

    public async Task SetTagsAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await Write("DELETE FROM tags WHERE account_id = @account AND region = @region AND resource_arn = @arn")
            .Bind("@arn", resourceArn)
            .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        foreach (var (key, value) in tags)
        {
            await Write("""
                    INSERT INTO tags (account_id, region, resource_arn, key, value)
                    VALUES (@account, @region, @arn, @key, @value)
                    """)
                .Bind("@arn", resourceArn)
                .Bind("@key", key)
                .Bind("@value", value)
                .ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}
