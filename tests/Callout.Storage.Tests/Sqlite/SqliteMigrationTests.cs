using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Outbox;
using Callout.Domain.Rotations;
using Callout.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests.Sqlite;

/// Upgrades of databases written by earlier builds; the compliance suite only sees fresh ones.
public sealed class SqliteMigrationTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "callout-migrate-" + Guid.NewGuid().ToString("N"));

    string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(directory, SqliteStore.FileName),
        Pooling = false,
    }.ToString();

    [Fact]
    public async Task a_version_1_database_is_upgraded_with_its_contacts_counted()
    {
        Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            Execute(connection, Script("0001_initial"));
            Execute(connection, """
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);
                INSERT INTO schema_migrations VALUES (1, '0001_initial');
                INSERT INTO contacts VALUES ('111122223333', 'us-east-1', 'a', NULL, 'PERSONAL', '{}', 0, 0);
                INSERT INTO contacts VALUES ('111122223333', 'us-east-1', 'b', NULL, 'ESCALATION', '{}', 0, 0);
                INSERT INTO contacts VALUES ('111122223333', 'eu-west-1', 'a', NULL, 'PERSONAL', '{}', 0, 0);
                """);
        }

        await using var store = SqliteStore.OpenFile(directory);
        await store.MigrateAsync(CancellationToken.None);

        await using var session = await store.OpenAsync(AccountScope.For("us-east-1", "111122223333"), write: false, CancellationToken.None);
        Assert.Equal(2, await session.CountContactsAsync(CancellationToken.None));
        Assert.Equal(["a", "b"], (await session.ListContactsAsync(null, null, null, 10, CancellationToken.None)).Select(c => c.Alias));
    }

    [Fact]
    public async Task a_version_2_database_gains_the_engagement_tables_and_keeps_its_contacts()
    {
        Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            Execute(connection, Script("0001_initial"));
            Execute(connection, Script("0002_contact_counts"));
            Execute(connection, """
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);
                INSERT INTO schema_migrations VALUES (1, '0001_initial'), (2, '0002_contact_counts');
                INSERT INTO contacts VALUES ('111122223333', 'us-east-1', 'jane', NULL, 'PERSONAL', '{}', 0, 0);
                """);
        }
        var scope = AccountScope.For("us-east-1", "111122223333");
        var ct = CancellationToken.None;
        var t0 = Instant.FromUtc(2025, 3, 1, 12, 0);

        await using var store = SqliteStore.OpenFile(directory);
        await store.MigrateAsync(ct);
        await using (var session = await store.OpenAsync(scope, write: true, ct))
        {
            await session.InsertEngagementAsync(
                new Engagement(new ResourceArn(scope, ResourceKind.Engagement, "jane/e1"), "jane", ContactKind.Personal,
                    "sender", "subject", "content", null, null, null, t0, null, null),
                new EngagementSnapshot(new Dictionary<string, ContactSnapshot>()), ct);
            await session.InsertStepsAsync([new FinishStep("s1", "e1", t0)], ct);
            await session.CommitAsync(ct);
        }

        await using var read = await store.OpenAsync(scope, write: false, ct);
        Assert.Equal(1, await read.CountContactsAsync(ct));
        Assert.NotNull(await read.FindEngagementAsync("e1", ct));
        Assert.Equal(t0, await store.NextDueAsync(ct));
    }

    [Fact]
    public async Task a_version_4_database_gains_the_rotation_tables_and_keeps_its_contacts()
    {
        Directory.CreateDirectory(directory);
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            foreach (var name in (string[])["0001_initial", "0002_contact_counts", "0003_engagements", "0004_channels_by_address"])
            {
                Execute(connection, Script(name));
            }
            Execute(connection, """
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);
                INSERT INTO schema_migrations VALUES
                    (1, '0001_initial'), (2, '0002_contact_counts'), (3, '0003_engagements'), (4, '0004_channels_by_address');
                INSERT INTO contacts VALUES ('111122223333', 'us-east-1', 'jane', NULL, 'PERSONAL', '{}', 0, 0);
                """);
        }
        var scope = AccountScope.For("us-east-1", "111122223333");
        var ct = CancellationToken.None;
        var t0 = Instant.FromUtc(2025, 3, 1, 12, 0);
        var rotation = new Rotation(new ResourceArn(scope, ResourceKind.Rotation, "r1"), "ops", ["jane"], t0, "UTC",
            new Recurrence(RecurrenceKind.Daily, [new HandOff(new LocalTime(9, 0))], 1, 1, null), t0);

        await using var store = SqliteStore.OpenFile(directory);
        await store.MigrateAsync(ct);
        await using (var session = await store.OpenAsync(scope, write: true, ct))
        {
            await session.InsertRotationAsync(rotation, ct);
            await session.InsertOverrideAsync(new RotationOverride("o1", "r1", ["jane"], t0, t0 + Duration.FromHours(1), t0), ct);
            await session.CommitAsync(ct);
        }

        await using var read = await store.OpenAsync(scope, write: false, ct);
        Assert.Equal(1, await read.CountContactsAsync(ct));
        Assert.Equal("ops", (await read.FindRotationAsync("r1", ct))!.Name);
        Assert.Equal(["r1"], await read.RotationsWithMemberAsync("jane", ct));
    }

    [Fact]
    public async Task rotations_stored_before_start_times_were_marked_given_count_one_on_the_creation_second_as_not_given()
    {
        var scope = AccountScope.For("us-east-1", "111122223333");
        var ct = CancellationToken.None;
        await using (var store = SqliteStore.OpenFile(directory))
        {
            await store.MigrateAsync(ct);
        }
        // Rows as earlier builds wrote them: no StartTimeGiven in the recurrence document. r1 was
        // made without a StartTime (the creation time, to the second); r2 with one a day later.
        const long Created = 1740830400_250;
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            Execute(connection, $"""
                INSERT INTO rotations (account_id, region, id, name, contact_aliases, start_time, time_zone_id, created_at, recurrence) VALUES
                    ('111122223333', 'us-east-1', 'r1', 'defaulted', '["jane"]', {Created - 250}, 'UTC', {Created}, '{Legacy}'),
                    ('111122223333', 'us-east-1', 'r2', 'given', '["jane"]', {Created - 250 + 86_400_000}, 'UTC', {Created}, '{Legacy}');
                """);
        }

        await using var reopened = SqliteStore.OpenFile(directory);
        await reopened.MigrateAsync(ct);
        await using var read = await reopened.OpenAsync(scope, write: false, ct);
        Assert.False((await read.FindRotationAsync("r1", ct))!.StartTimeGiven);
        Assert.True((await read.FindRotationAsync("r2", ct))!.StartTimeGiven);
        Assert.Equal(Instant.FromUnixTimeMilliseconds(Created - 250), (await read.FindRotationAsync("r1", ct))!.StartTime);
    }

    const string Legacy = """{"kind":"DAILY","handOffs":[{"time":"09:00"}],"numberOfOnCalls":1,"multiplier":1}""";

    [Fact]
    public async Task a_database_from_a_newer_build_is_refused()
    {
        await using (var store = SqliteStore.OpenFile(directory))
        {
            await store.MigrateAsync(CancellationToken.None);
        }
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            Execute(connection, "INSERT INTO schema_migrations VALUES (9999, '9999_future')");
        }

        await using var reopened = SqliteStore.OpenFile(directory);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reopened.MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task a_version_6_database_keeps_its_outbox_messages_listed_without_arns()
    {
        Directory.CreateDirectory(directory);
        var names = (string[])["0001_initial", "0002_contact_counts", "0003_engagements", "0004_channels_by_address", "0005_rotations", "0006_virtual_clock"];
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            foreach (var name in names)
            {
                Execute(connection, Script(name));
            }
            Execute(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);");
            for (var i = 0; i < names.Length; i++)
            {
                Execute(connection, $"INSERT INTO schema_migrations VALUES ({i + 1}, '{names[i]}')");
            }
            Execute(connection, """
                INSERT INTO outbox (id, account_id, region, kind, channel_type, address, subject, body, created_at)
                VALUES ('m1', '111122223333', 'us-east-1', 'ACTIVATION', 'EMAIL', 'jane@example.com', 'Your code', 'Code: 123456', 1740830400000);
                """);
        }

        await using var store = SqliteStore.OpenFile(directory);
        await store.MigrateAsync(CancellationToken.None);

        var kept = Assert.Single(await store.ListOutboxAsync(10, CancellationToken.None));
        Assert.Equal(new OutboxMessage("m1", "111122223333", "us-east-1", "ACTIVATION", "EMAIL", "jane@example.com", "Your code",
            "Code: 123456", Instant.FromUnixTimeMilliseconds(1740830400000)), kept);
    }

    [Fact]
    public async Task a_version_12_database_moves_its_incident_tags_to_the_account_and_keeps_contact_tags_per_region()
    {
        Directory.CreateDirectory(directory);
        var names = (string[])["0001_initial", "0002_contact_counts", "0003_engagements", "0004_channels_by_address", "0005_rotations",
            "0006_virtual_clock", "0007_outbox_owners", "0008_wrong_code_tries", "0009_webhook_ids_and_calendar_feeds", "0010_audit_events",
            "0011_replication_sets", "0012_incidents"];
        const string setArn = "arn:aws:ssm-incidents::111122223333:replication-set/s";
        const string contactArn = "arn:aws:ssm-contacts:us-east-1:111122223333:contact/c";
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            foreach (var name in names)
            {
                Execute(connection, Script(name));
            }
            Execute(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);");
            for (var i = 0; i < names.Length; i++)
            {
                Execute(connection, $"INSERT INTO schema_migrations VALUES ({i + 1}, '{names[i]}')");
            }
            Execute(connection, $"""
                INSERT INTO tags (account_id, region, resource_arn, key, value) VALUES
                    ('111122223333', 'us-east-1', '{setArn}', 'team', 'sre'),
                    ('111122223333', 'us-west-2', '{setArn}', 'team', 'later'),
                    ('111122223333', 'us-east-1', '{contactArn}', 'team', 'ops');
                """);
        }

        await using var store = SqliteStore.OpenFile(directory);
        await store.MigrateAsync(CancellationToken.None);

        await using var session = await store.OpenAsync(AccountScope.For("ap-south-1", "111122223333"), write: false, CancellationToken.None);
        Assert.Equal("sre", (await session.GetTagsAsync(setArn, CancellationToken.None))["team"]);
        Assert.Empty(await session.GetTagsAsync(contactArn, CancellationToken.None));
        await using var home = await store.OpenAsync(AccountScope.For("us-east-1", "111122223333"), write: false, CancellationToken.None);
        Assert.Equal("ops", (await home.GetTagsAsync(contactArn, CancellationToken.None))["team"]);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static string Script(string name)
    {
        using var stream = typeof(SqliteStore).Assembly.GetManifestResourceStream($"sqlite/{name}.sql")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
