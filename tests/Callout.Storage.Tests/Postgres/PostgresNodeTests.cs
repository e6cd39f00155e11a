using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Storage.Postgres;
using Npgsql;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests.Postgres;

/// What the compliance suite cannot see: several nodes, each with its own store (its own pool),
/// sharing one database. Every test has a schema of its own. Skipped when CALLOUT_TEST_PG is not
/// set (PostgresTestFramework).
public sealed class PostgresNodeTests : IAsyncLifetime, INeedPostgres
{
    static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0, 0);
    static readonly CancellationToken None = CancellationToken.None;

    readonly AccountScope scope = AccountScope.For("us-east-1", "111122223333");
    readonly List<IStore> stores = [];
    string schema = "";
    string connectionString = "";

    public Task InitializeAsync()
    {
        (schema, connectionString) = PostgresTestDatabase.CreateSchema();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
        await PostgresTestDatabase.DropSchemaAsync(schema);
    }

    [Fact]
    public async Task a_postgres_url_opens_the_store()
    {
        var keywords = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(connectionString));
        var url = $"postgres://{Uri.EscapeDataString(keywords.Username!)}:{Uri.EscapeDataString(keywords.Password ?? "")}"
            + $"@{keywords.Host}:{keywords.Port}/{Uri.EscapeDataString(keywords.Database!)}?Search%20Path={schema}";

        var store = Track(await PostgresStore.OpenAsync(url, None));
        await store.MigrateAsync(None);
        await Insert(store, "jane");

        Assert.Equal(1, await CountAsync(store));
        Assert.Equal(1L, await PostgresTestDatabase.ScalarAsync($"SELECT count(*) FROM {schema}.contacts"));
    }

    [Fact]
    public async Task one_node_at_a_time_leads_the_retention_purge()
    {
        var a = Track(PostgresStore.Create(connectionString));
        var b = Track(PostgresStore.Create(connectionString));
        await a.MigrateAsync(None);

        var first = await a.TryLeadPurgeAsync(None);
        Assert.NotNull(first);
        Assert.Null(await b.TryLeadPurgeAsync(None));
        // The lock is the node's, not the connection pool's: asking again on the leading node
        // while it leads is refused too.
        Assert.Null(await a.TryLeadPurgeAsync(None));

        await first.DisposeAsync();
        await using var second = await b.TryLeadPurgeAsync(None);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task an_unreachable_server_fails_at_open()
    {
        await Assert.ThrowsAnyAsync<NpgsqlException>(() =>
            PostgresStore.OpenAsync("Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2", None));
    }

    [Fact]
    public async Task nodes_starting_at_once_apply_each_migration_exactly_once()
    {
        var nodes = Enumerable.Range(0, 6).Select(_ => Node()).ToList();

        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.MigrateAsync(None))));

        var versions = await PostgresTestDatabase.ScalarAsync($"SELECT string_agg(version::text, ',' ORDER BY version) FROM {schema}.schema_migrations");
        var embedded = typeof(PostgresStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("postgres/", StringComparison.Ordinal))
            .Select(n => int.Parse(n["postgres/".Length..].Split('_')[0], CultureInfo.InvariantCulture))
            .Order();
        Assert.Equal(string.Join(',', embedded), versions);
        await Insert(nodes[3], "jane");
        Assert.Equal(1, await CountAsync(nodes[5]));
    }

    [Fact]
    public async Task a_schema_from_a_newer_build_is_refused()
    {
        await Node().MigrateAsync(None);
        await PostgresTestDatabase.ScalarAsync($"INSERT INTO {schema}.schema_migrations VALUES (9999, '9999_future')");

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => Node().MigrateAsync(None));
        Assert.Equal(["9999_future"], refused.Unknown);
    }

    [Fact]
    public async Task writing_sessions_of_one_scope_take_turns_across_nodes_and_other_scopes_do_not_wait()
    {
        var (a, b) = (await MigratedNode(), Node());
        var other = AccountScope.For("us-east-1", "444455556666");

        // A session takes its lock with its first statement.
        await using var first = await HoldingAsync(a.OpenAsync(scope, write: true, None));
        var second = FirstStatementAsync(await b.OpenAsync(scope, write: true, None));
        await using (var elsewhere = await b.OpenAsync(other, write: true, None))
        {
            await elsewhere.InsertContactAsync(Contact("jane", other), T0, None);
            await elsewhere.CommitAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        await using (var reader = await b.OpenAsync(scope, write: false, None).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            Assert.Null(await reader.FindContactAsync("jane", None));
        }
        await using var next = await AfterReleaseAsync(second, first);
        Assert.NotNull(await next.FindContactAsync("jane", None));
    }

    /// The session once its first statement (which takes its lock) has run.
    static async Task<IStoreSession> FirstStatementAsync(IStoreSession session)
    {
        await session.CountContactsAsync(None);
        return session;
    }

    /// A session that has written jane and run a statement since, so it holds its lock.
    async Task<IStoreSession> HoldingAsync(Task<IStoreSession> opening)
    {
        var session = await opening;
        await session.InsertContactAsync(Contact("jane"), T0, None);
        Assert.Equal(1, await session.CountContactsAsync(None));
        return session;
    }

    /// Checks that `waiting` still waits for `holder`, then commits the holder and returns what
    /// `waiting` gives once it may go on.
    static async Task<T> AfterReleaseAsync<T>(Task<T> waiting, IStoreSession holder)
    {
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await holder.CommitAsync(None);
        await holder.DisposeAsync();
        return await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task engine_sessions_of_one_engagement_take_turns_and_other_engagements_and_scope_writers_do_not_wait()
    {
        var (a, b) = (await MigratedNode(), Node());

        await using var first = await HoldingAsync(a.OpenEngagementAsync(scope, "e1", None));
        var sameEngagement = FirstStatementAsync(await b.OpenEngagementAsync(scope, "e1", None));
        await using (var otherEngagement = await b.OpenEngagementAsync(scope, "e2", None))
        {
            await otherEngagement.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
            await otherEngagement.CommitAsync(None);
        }
        await using (var samePage = await b.OpenPagesAsync(scope, ["e1"], None))
        {
            // A page's lock is apart from its engagement's, even under the same id.
            await samePage.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
            await samePage.CommitAsync(None);
        }
        await using (var scopeWriter = await b.OpenAsync(scope, write: true, None))
        {
            await scopeWriter.InsertContactAsync(Contact("joe"), T0, None);
            await scopeWriter.CommitAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        await using var next = await AfterReleaseAsync(sameEngagement, first);
        Assert.NotNull(await next.FindContactAsync("jane", None));
    }

    [Fact]
    public async Task a_scope_writer_that_locks_an_engagement_waits_for_the_engine_session_on_it()
    {
        var (a, b) = (await MigratedNode(), Node());

        await using var engine = await HoldingAsync(a.OpenEngagementAsync(scope, "e1", None));
        await using var writer = await b.OpenAsync(scope, write: true, None);
        await writer.LockEngagementAsync("e2", None);
        await writer.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        // The lock is taken with the writer's next statement.
        await writer.LockEngagementAsync("e1", None);
        var locked = writer.FindContactAsync("jane", None);
        Assert.NotNull(await AfterReleaseAsync(locked, engine));
    }

    [Fact]
    public async Task a_scope_writer_that_locks_a_page_waits_for_the_engine_send_on_it_and_sends_of_other_pages_do_not_wait()
    {
        var (a, b) = (await MigratedNode(), Node());

        await using var engine = await HoldingAsync(a.OpenPagesAsync(scope, ["p1"], None));
        await using (var otherPage = await b.OpenPagesAsync(scope, ["p2"], None))
        {
            await otherPage.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        await using var writer = await b.OpenAsync(scope, write: true, None);
        await writer.LockEngagementAsync("p1", None);
        await writer.LockPageAsync("p1", None);
        var locked = writer.FindContactAsync("jane", None);
        Assert.NotNull(await AfterReleaseAsync(locked, engine));
    }

    [Fact]
    public async Task a_session_on_several_pages_holds_each_of_them_and_no_other()
    {
        var (a, b) = (await MigratedNode(), Node());

        await using var engine = await HoldingAsync(a.OpenPagesAsync(scope, ["p1", "p2", "p3"], None));
        await using (var otherPages = await b.OpenPagesAsync(scope, ["p4", "p5"], None))
        {
            await otherPages.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        var onePage = FirstStatementAsync(await b.OpenPagesAsync(scope, ["p2"], None));
        var overlapping = FirstStatementAsync(await b.OpenPagesAsync(scope, ["p5", "p3"], None));
        await using var writer = await b.OpenAsync(scope, write: true, None);
        await writer.LockEngagementAsync("e1", None);
        await writer.LockPageAsync("p1", None);
        var locked = writer.FindContactAsync("jane", None);
        await Task.Delay(300);
        Assert.False(onePage.IsCompleted);
        Assert.False(overlapping.IsCompleted);

        Assert.NotNull(await AfterReleaseAsync(locked, engine));
        await using var afterOne = await onePage.WaitAsync(TimeSpan.FromSeconds(10));
        await using var afterOverlapping = await overlapping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task sessions_locking_overlapping_pages_in_opposite_orders_all_finish()
    {
        var nodes = new[] { await MigratedNode(), Node() };
        var pages = Enumerable.Range(0, 6).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        // Every session names the pages in another order; were the locks taken in the order named,
        // some of them would wait for each other in a circle until PostgreSQL broke it with an error.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var named = pages.Skip(i % pages.Length).Concat(pages.Take(i % pages.Length)).ToArray();
            if (i % 2 == 1)
            {
                Array.Reverse(named);
            }
            await using var session = await nodes[i % nodes.Length].OpenPagesAsync(scope, named, None);
            await session.CountContactsAsync(None);
            await Task.Delay(5);
            await session.CommitAsync(None);
        }))).WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task create_sessions_take_turns_only_on_the_same_idempotency_token()
    {
        var (a, b) = (await MigratedNode(), Node());

        await using var first = await HoldingAsync(a.OpenCreateAsync(scope, "StartEngagement", "token-1", None));
        var sameToken = FirstStatementAsync(await b.OpenCreateAsync(scope, "StartEngagement", "token-1", None));
        await using (var otherToken = await b.OpenCreateAsync(scope, "StartEngagement", "token-2", None))
        {
            await otherToken.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        await using (var noToken = await b.OpenCreateAsync(scope, "StartEngagement", null, None))
        {
            await noToken.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        await using (var scopeWriter = await b.OpenAsync(scope, write: true, None))
        {
            await scopeWriter.CountContactsAsync(None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        await using var next = await AfterReleaseAsync(sameToken, first);
        Assert.NotNull(await next.FindContactAsync("jane", None));
    }

    [Fact]
    public async Task a_quota_checked_on_several_nodes_at_once_is_never_exceeded()
    {
        const int Quota = 5;
        var nodes = new[] { await MigratedNode(), Node(), Node() };

        // CreateContact's pattern: count, then insert if below the quota, in one writing session.
        await Task.WhenAll(Enumerable.Range(0, 15).Select(i => Task.Run(async () =>
        {
            await using var session = await nodes[i % nodes.Length].OpenAsync(scope, write: true, None);
            if (await session.CountContactsAsync(None) < Quota)
            {
                await session.InsertContactAsync(Contact($"c{i:D2}"), T0, None);
                await session.CommitAsync(None);
            }
        })));

        Assert.Equal(Quota, await CountAsync(nodes[0]));
    }

    [Fact]
    public async Task the_same_alias_created_on_two_nodes_at_once_is_stored_once()
    {
        var nodes = new[] { await MigratedNode(), Node() };

        var results = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            try
            {
                await Insert(node, "jane");
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return false;
            }
        })));

        Assert.Single(results, r => r);
        Assert.Equal(1, await CountAsync(nodes[1]));
    }

    [Fact]
    public async Task stopping_several_engagements_beside_a_send_of_both_never_waits_in_a_circle()
    {
        var (a, b) = (await MigratedNode(), Node());
        // Ids interleave across engagements: e2's step comes first in id order, e1's after it (as
        // a retry laid out later for e1 would).
        await using (var session = await a.OpenEngagementAsync(scope, "e1", None))
        {
            await session.InsertStepsAsync([new FinishStep("step-1", "e2", T0), new FinishStep("step-2", "e1", T0)], None);
            await session.CommitAsync(None);
        }
        Assert.Equal(2, (await a.ClaimDueStepsAsync(T0, "node-a", T0 + Duration.FromMinutes(1), 10, None)).Count);

        // The engine completes the steps of its sends in id order: it holds step-1 and goes on to step-2.
        await using var engine = await a.OpenPagesAsync(scope, ["p1", "p2"], None);
        Assert.True(await engine.CompleteStepAsync("step-1", "node-a", None));
        // A resolve stops e1 and then e2. Cancelling them one after another would hold step-2 and
        // wait for step-1, and the engine would wait for step-2: PostgreSQL breaks that circle by
        // failing one of the two. With the steps of both locked first, in id order, the stop
        // waits for step-1 holding nothing the engine needs.
        var stop = Task.Run(async () =>
        {
            await using var session = await b.OpenAsync(scope, write: true, None);
            await session.LockEngagementAsync("e1", None);
            await session.LockEngagementAsync("e2", None);
            await session.LockPendingStepsAsync(["e1", "e2"], None);
            await session.CancelStepsAsync("e1", None);
            await session.CancelStepsAsync("e2", None);
            await session.CommitAsync(None);
        });
        await Task.Delay(300);
        Assert.False(stop.IsCompleted);

        Assert.True(await engine.CompleteStepAsync("step-2", "node-a", None).WaitAsync(TimeSpan.FromSeconds(10)));
        await engine.CommitAsync(None);
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task nodes_claiming_at_once_never_lease_the_same_step()
    {
        var nodes = new[] { await MigratedNode(), Node(), Node() };
        await using (var session = await nodes[0].OpenAsync(scope, write: true, None))
        {
            await session.InsertStepsAsync(Enumerable.Range(0, 120).Select(i =>
                new FinishStep($"step-{i:D3}", "e1", T0 + Duration.FromMilliseconds(i % 5))), None);
            await session.CommitAsync(None);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 18).Select(n => Task.Run(() =>
            nodes[n % nodes.Length].ClaimDueStepsAsync(T0 + Duration.FromSeconds(1), $"node-{n}", T0 + Duration.FromMinutes(1), 10, None))));

        var ids = claims.SelectMany(c => c).Select(c => c.Step.Id).ToList();
        Assert.Equal(120, ids.Count);
        Assert.Equal(120, ids.Distinct().Count());
        Assert.Equal(T0 + Duration.FromMinutes(1), await nodes[2].NextDueAsync(None));
    }

    /// Claims look for expired leases only above what an earlier claim already took (dead index
    /// entries of finished steps lie below, ClaimFrom); a step skipped there because a session had it locked,
    /// and left leased when that session rolled back, must still be found soon.
    [Fact]
    public async Task a_lease_skipped_while_its_step_was_locked_is_claimed_within_seconds_after_the_lock_is_gone()
    {
        var node = await MigratedNode();
        await using (var session = await node.OpenAsync(scope, write: true, None))
        {
            await session.InsertStepsAsync([new FinishStep("step-1", "e1", T0)], None);
            await session.CommitAsync(None);
        }
        Assert.Single(await node.ClaimDueStepsAsync(T0, "node-a", T0 + Duration.FromSeconds(1), 10, None));

        await using (var locker = await node.OpenAsync(scope, write: true, None))
        {
            Assert.True(await locker.CompleteStepAsync("step-1", "node-a", None));
            Assert.Empty(await node.ClaimDueStepsAsync(T0 + Duration.FromSeconds(20), "node-b", T0 + Duration.FromMinutes(1), 10, None));
        }
        // The locker rolled back: the lease ran out at T0 + 1 s and the step is due again.
        Assert.Equal(["step-1"], await FirstClaimAsync(node, fromSecond: 21, toSecond: 25));
    }

    /// Claims also look for due steps only above what an earlier claim already took; a step
    /// written later with a due time long past (a schedule entered late) must still be found soon.
    [Fact]
    public async Task a_step_written_with_a_due_time_long_past_is_claimed_within_seconds()
    {
        var node = await MigratedNode();
        Assert.Empty(await node.ClaimDueStepsAsync(T0 + Duration.FromMinutes(1), "node-a", T0 + Duration.FromMinutes(2), 10, None));
        await using (var session = await node.OpenAsync(scope, write: true, None))
        {
            await session.InsertStepsAsync([new FinishStep("step-1", "e1", T0)], None);
            await session.CommitAsync(None);
        }

        Assert.Equal(["step-1"], await FirstClaimAsync(node, fromSecond: 61, toSecond: 66));
    }

    /// Claims once a second from T0 + fromSecond until one takes something (or toSecond passes),
    /// and returns what it took.
    static async Task<List<string>> FirstClaimAsync(IStore node, int fromSecond, int toSecond)
    {
        for (var second = fromSecond; second <= toSecond; second++)
        {
            var now = T0 + Duration.FromSeconds(second);
            var claimed = await node.ClaimDueStepsAsync(now, "node-b", now + Duration.FromMinutes(1), 10, None);
            if (claimed.Count > 0)
            {
                return [.. claimed.Select(c => c.Step.Id)];
            }
        }
        return [];
    }

    [Fact]
    public async Task nodes_asking_for_a_new_secret_at_once_all_get_the_same_one()
    {
        var nodes = new[] { await MigratedNode(), Node(), Node(), Node() };

        var secrets = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => nodes[i % nodes.Length].GetSecretAsync("shared", None))));

        Assert.All(secrets, s => Assert.Equal(secrets[0], s));
    }

    IStore Node() => Track(PostgresStore.Create(connectionString));

    async Task<IStore> MigratedNode()
    {
        var node = Node();
        await node.MigrateAsync(None);
        return node;
    }

    IStore Track(IStore store)
    {
        stores.Add(store);
        return store;
    }

    Contact Contact(string alias, AccountScope? at = null) =>
        new(ResourceArn.Contact(at ?? scope, alias), alias, null, ContactKind.Personal, Plan.Empty);

    async Task Insert(IStore store, string alias)
    {
        await using var session = await store.OpenAsync(scope, write: true, None);
        await session.InsertContactAsync(Contact(alias), T0, None);
        await session.CommitAsync(None);
    }

    async Task<int> CountAsync(IStore store)
    {
        await using var session = await store.OpenAsync(scope, write: false, None);
        return await session.CountContactsAsync(None);
    }
}
