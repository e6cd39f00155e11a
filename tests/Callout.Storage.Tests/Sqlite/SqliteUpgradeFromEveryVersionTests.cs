using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Outbox;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Domain.Rotations;
using Callout.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests.Sqlite;

/// An upgrade from every schema version this project has had (docs/operations.md, Upgrades). No
/// version is tagged yet, so a database at version N is made the way that build made it: by the
/// scripts 0001..N, kept in the repository and never edited. Its rows are this build's
/// representative data, copied in with the columns version N had (every SQLite migration so far
/// only adds tables, columns and triggers, so an old build's rows are those columns of today's).
/// Migrated forward, the database must read back as the original does, table by table.
public sealed class SqliteUpgradeFromEveryVersionTests : IDisposable
{
    static readonly CancellationToken None = CancellationToken.None;
    static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0);
    static readonly AccountScope Scope = AccountScope.For("us-east-1", "111122223333");

    // Kept by triggers from the rows they count, or by SQLite itself.
    static readonly HashSet<string> Derived = ["schema_migrations", "contact_counts", "rotation_members", "sqlite_sequence"];

    readonly string _root = Directory.CreateTempSubdirectory("callout-upgrade-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    static IReadOnlyList<(int Version, string Name)> Scripts() =>
        [.. typeof(SqliteStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sqlite/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n["sqlite/".Length..^".sql".Length])
            .Select(n => (int.Parse(n.Split('_')[0], CultureInfo.InvariantCulture), n))
            .OrderBy(m => m.Item1)];

    public static TheoryData<int> EarlierVersions() => [.. Scripts().Select(s => s.Version).SkipLast(1)];

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task a_database_at_an_earlier_schema_version_migrates_forward_and_reads_back_its_rows(int version)
    {
        var current = Path.Combine(_root, "current");
        await using (var store = SqliteStore.OpenFile(current))
        {
            await store.MigrateAsync(None);
            await SeedAsync(store);
        }

        var old = Path.Combine(_root, "old");
        Directory.CreateDirectory(old);
        IReadOnlyList<string> tables;
        using (var connection = Open(Path.Combine(old, SqliteStore.FileName)))
        {
            Execute(connection, "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)");
            foreach (var (v, name) in Scripts().Where(s => s.Version <= version))
            {
                Execute(connection, Script(name));
                Execute(connection, $"INSERT INTO schema_migrations VALUES ({v}, '{name}')");
            }
            tables = CopyRows(connection, Path.Combine(current, SqliteStore.FileName));
        }
        Assert.Contains("contacts", tables);

        await using var original = SqliteStore.OpenFile(current);
        await using var migrated = SqliteStore.OpenFile(old);
        await migrated.MigrateAsync(None);
        var expected = (await ReadAsync(original)).Where(line => tables.Contains(line.Split(':')[0])).ToList();
        Assert.Equal(expected, await ReadAsync(migrated));
    }

    /// Copies every row of the current database's tables that the old one has, in the columns the
    /// old one has; returns the tables copied.
    static List<string> CopyRows(SqliteConnection old, string current)
    {
        Execute(old, $"ATTACH DATABASE '{current}' AS current");
        var tables = Strings(old, "SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name").Where(t => !Derived.Contains(t)).ToList();
        // Foreign keys are checked at the commit, once every table has its rows, whatever the order.
        Execute(old, "BEGIN; PRAGMA defer_foreign_keys = ON;");
        foreach (var table in tables)
        {
            var columns = string.Join(", ", Strings(old, $"SELECT name FROM pragma_table_info('{table}', 'main')").Select(c => $"\"{c}\""));
            Execute(old, $"INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM current.\"{table}\"");
        }
        Execute(old, "COMMIT");
        Execute(old, "DETACH DATABASE current");
        return tables;
    }

    /// One line per row the store reads back, led by its table's name; only what every version
    /// of the table held.
    static async Task<List<string>> ReadAsync(SqliteStore store)
    {
        await using var s = await store.OpenAsync(Scope, write: false, None);
        var lines = new List<string>();
        foreach (var c in await s.ListContactsAsync(null, null, null, 100, None))
        {
            lines.Add($"contacts:{c.Alias}|{c.DisplayName}|{c.Kind}|{c.Plan.Stages.Count}|{string.Join(",", c.Plan.Stages.SelectMany(st => st.Targets).Select(t => t.Channel?.ChannelArn ?? t.Contact?.ContactArn))}");
            foreach (var ch in await s.ListChannelsAsync(c.Alias, null, 100, None))
            {
                lines.Add($"channels:{ch.Arn}|{ch.Name}|{ch.Kind}|{ch.Address}|{ch.Activated}");
            }
        }
        lines.Add($"contacts:counted {await s.CountContactsAsync(None)}");
        foreach (var e in await s.ListEngagementsAsync(null, null, null, null, 100, None))
        {
            lines.Add($"engagements:{e.Arn}|{e.Subject}|{e.StartTime}|{e.StopTime}");
            foreach (var p in await s.ListPagesAsync(e.Id, null, null, 100, None))
            {
                lines.Add($"pages:{p.Arn}|{p.ChannelId}|{p.SentTime}|{p.Essential}");
                lines.AddRange((await s.ListReceiptsAsync(p.Id, null, 100, None)).Select(r => $"receipts:{r.Receipt.PageId}|{r.Receipt.Kind}|{r.Receipt.Time}"));
            }
        }
        if (await s.FindDeliveryAsync("page-1:0", None) is { } d)
        {
            lines.Add($"deliveries:{d.Key}|{d.Status}|{d.ProviderMessageId}");
        }
        foreach (var r in await s.ListRotationsAsync(null, null, 100, None))
        {
            lines.Add($"rotations:{r.Arn}|{r.Name}|{string.Join(",", r.ContactAliases)}|{r.StartTime}|{r.TimeZoneId}");
        }
        lines.AddRange((await store.ListOutboxAsync(100, None)).Select(m => $"outbox:{m.Id}|{m.Kind}|{m.Address}|{m.Body}"));
        return lines;
    }

    static async Task SeedAsync(SqliteStore store)
    {
        var channel = ResourceArn.Channel(Scope, "jane", "chan-1");
        var plan = new Plan([new Stage(5, [new Target(new ChannelTarget(channel.ToString(), null), null)])], []);
        await using var s = await store.OpenAsync(Scope, write: true, None);
        await s.InsertContactAsync(new Contact(ResourceArn.Contact(Scope, "jane"), "jane", "Jane Doe", ContactKind.Personal, plan), T0, None);
        await s.InsertContactAsync(new Contact(ResourceArn.Contact(Scope, "ops"), "ops", null, ContactKind.Escalation, Plan.Empty), T0, None);
        await s.InsertChannelAsync(new ContactChannel(channel, "jane", "jane mail", ChannelKind.Email, "jane@example.com",
            Activated: true, ActivationCodeHash: null, ActivationCodeExpires: null, ActivationCodesSent: [], T0), None);
        var snapshot = new EngagementSnapshot(new Dictionary<string, ContactSnapshot>(StringComparer.Ordinal)
        {
            ["jane"] = new("jane", ContactKind.Personal, plan),
        });
        await s.InsertEngagementAsync(new Engagement(new ResourceArn(Scope, ResourceKind.Engagement, "jane/eng-1"), "jane", ContactKind.Personal,
            "ops-bot", "db down", "The primary is down", null, null, null, T0, null, null), snapshot, None);
        var page = new Page(new ResourceArn(Scope, ResourceKind.Page, "jane/page-1"), "eng-1", "jane", "chan-1",
            [new ResolutionStep("jane", ContactKind.Personal, 0)], Essential: true, T0, T0, null, null);
        await s.InsertPageAsync(page, None);
        await s.AddReceiptAsync(new Receipt("page-1", "chan-1", ReceiptKind.Sent, "sent by the test", T0), None);
        await s.PutDeliveryAsync(new DeliveryRecord("page-1:0", "page-1", DeliveryStatus.Sent, "m-1", T0), None);
        await s.InsertStepsAsync([new FinishStep("step-1", "eng-1", T0 + Duration.FromMinutes(5))], None);
        await s.InsertRotationAsync(new Rotation(new ResourceArn(Scope, ResourceKind.Rotation, "rot-1"), "primary", ["jane"], T0, "Europe/Paris",
            new Recurrence(RecurrenceKind.Daily, [new HandOff(new LocalTime(9, 0))], 1, 1, null), T0), None);
        await s.InsertOverrideAsync(new RotationOverride("ovr-1", "rot-1", ["jane"], T0, T0 + Duration.FromHours(1), T0), None);
        await s.AppendOutboxAsync(new OutboxMessage("out-1", Scope.AccountId, Scope.Region, "ACTIVATION", "EMAIL", "jane@example.com",
            "Your code", "Code: 123456", T0), None);
        await s.CommitAsync(None);
    }

    static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
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

    static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
