using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests.Sqlite;

/// SQLite keeps the pages of deleted rows inside the file unless told to give them back: the
/// retention purge's space comes back to the file system, and a file made before that was possible
/// is converted once.
public sealed class SqliteRetentionSpaceTests : IDisposable
{
    static readonly CancellationToken None = CancellationToken.None;
    static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0);

    readonly string directory = Path.Combine(Path.GetTempPath(), "callout-retention-" + Guid.NewGuid().ToString("N"));
    readonly AccountScope scope = AccountScope.For("us-east-1", "111122223333");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(directory, SqliteStore.FileName),
        Pooling = false,
    }.ToString();

    long Pragma(string name)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    async Task InsertStoppedEngagementsAsync(SqliteStore store, int count, Instant stoppedAt)
    {
        // Content of a few KB, as a page with a long alert body has.
        var content = new string('x', 4000);
        for (var batch = 0; batch < count; batch += 100)
        {
            await using var session = await store.OpenAsync(scope, write: true, None);
            for (var i = batch; i < Math.Min(count, batch + 100); i++)
            {
                var id = Guid.CreateVersion7().ToString();
                await session.InsertEngagementAsync(new Engagement(new ResourceArn(scope, ResourceKind.Engagement, "jane/" + id), "jane",
                    Domain.Contacts.ContactKind.Personal, "bot", "Subject", content, null, null, null, stoppedAt, null, null),
                    new EngagementSnapshot(new Dictionary<string, ContactSnapshot>()), None);
                await session.StopEngagementAsync(id, stoppedAt, null, None);
            }
            await session.CommitAsync(None);
        }
    }

    [Fact]
    public async Task the_space_of_purged_rows_goes_back_to_the_file_system()
    {
        await using var store = SqliteStore.OpenFile(directory);
        await store.MigrateAsync(None);
        await InsertStoppedEngagementsAsync(store, 300, T0);
        await InsertStoppedEngagementsAsync(store, 10, T0 + Duration.FromDays(2));
        var full = Pragma("page_count");

        int removed;
        while ((removed = await store.PurgeEngagementsAsync(T0 + Duration.FromDays(1), 50, None)) > 0)
        {
            Assert.InRange(removed, 1, 50);
        }
        Assert.True(Pragma("freelist_count") > 0, "the deletes left free pages");
        var reclaimed = await store.ReclaimSpaceAsync(None);

        Assert.Equal(0, Pragma("freelist_count"));
        Assert.True(reclaimed > 0, $"reclaimed {reclaimed}");
        var after = Pragma("page_count");
        Assert.True(after < full / 2, $"{after} pages of {full} left");
        Assert.Equal(reclaimed, (full - after) * Pragma("page_size"));
    }

    [Fact]
    public async Task a_new_database_uses_incremental_vacuum()
    {
        await using var store = SqliteStore.OpenFile(directory);
        await store.MigrateAsync(None);

        Assert.Equal(2, Pragma("auto_vacuum"));
    }

    [Fact]
    public async Task a_database_made_without_incremental_vacuum_is_converted_once_and_keeps_its_data()
    {
        Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (42);";
            command.ExecuteNonQuery();
        }
        Assert.Equal(0, Pragma("auto_vacuum"));

        await using (var store = SqliteStore.OpenFile(directory))
        {
            await store.MigrateAsync(None);
        }

        Assert.Equal(2, Pragma("auto_vacuum"));
        using var check = new SqliteConnection(ConnectionString);
        check.Open();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT x FROM kept";
        Assert.Equal(42L, read.ExecuteScalar());
    }
}
