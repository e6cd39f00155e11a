using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Storage.Rows;
using Callout.Storage.Store;
using Npgsql;
using NpgsqlTypes;

namespace Callout.Storage.Postgres;

/// A StoreSession on one pooled connection with one transaction (PostgresStore.OpenAsync
/// says how it is isolated). Its own are the locks, the array forms of the multi-row writes, and
/// how statements reach the server.
///
/// Round trips: statements whose result no caller waits for (the session's opening lock or READ
/// ONLY, the locks taken later, and the writes that return nothing) are held back and go to the
/// server in one batch with the next statement whose result is needed, or with COMMIT. So a lock
/// is waited for at the session's next statement, and a write's error surfaces at the next read
/// or at commit; either way the transaction is rolled back and nothing of it is kept.
internal sealed partial class PostgresSession : StoreSession, IStoreSession
{
    static readonly StepStatements StepSql = new(
        pending: "NOT done",
        done: "true",
        // The rows are locked in id order, as the engine's sessions complete theirs
        // (StepProcessor), so a stop and a session completing several of the engagement's steps
        // never wait for each other in a circle.
        cancelSteps: """
            UPDATE steps SET done = true
            WHERE id IN (SELECT id FROM steps
                         WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND NOT done
                         ORDER BY id FOR UPDATE)
            """);

    readonly NpgsqlConnection connection;
    readonly NpgsqlTransaction transaction;
    readonly List<NpgsqlBatchCommand> deferred = [];
    // How many of the deferred statements return a result set (the locks' SELECTs): the reader
    // skips those before the caller's own.
    int deferredResultSets;

    /// `opening` is the transaction's first statement, if any: a writer's lock (a SELECT), or a
    /// reader's SET TRANSACTION READ ONLY.
    public PostgresSession(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountScope scope, bool write, NpgsqlCommand? opening)
        : base(scope, write)
    {
        this.connection = connection;
        this.transaction = transaction;
        if (opening is not null)
        {
            Defer(opening, returnsRows: write);
        }
    }

    protected override StepStatements Steps => StepSql;

    /// A count of the primary key's range for the scope (an index-only scan).
    protected override string CountContactsSql => "SELECT count(*) FROM contacts WHERE account_id = @account AND region = @region";

    /// Sessions of one scope may put records side by side (OpenCreateAsync): the clean-up skips
    /// rows another session is deleting, so it never waits for one and never deadlocks with it.
    protected override string DeleteExpiredIdempotencySql => """
        DELETE FROM idempotency
        WHERE (account_id, region, operation, token) IN (
            SELECT account_id, region, operation, token FROM idempotency
            WHERE account_id = @account AND region = @region AND created_at < @expired
            FOR UPDATE SKIP LOCKED)
        """;

    protected override DbCommand Command(string sql) => new NpgsqlCommand(sql, connection, transaction);

    /// Held back (see the class comment).
    protected override Task WriteAsync(DbCommand command, CancellationToken ct)
    {
        Defer((NpgsqlCommand)command);
        return Task.CompletedTask;
    }

    /// The rows the statement changed, after the deferred statements ran.
    protected override async Task<int> ExecuteAsync(DbCommand command, CancellationToken ct)
    {
        if (deferred.Count == 0)
        {
            await using (command)
            {
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        await using var batch = TakeDeferred(out _);
        var last = ToBatchCommand((NpgsqlCommand)command);
        batch.BatchCommands.Add(last);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return last.RecordsAffected;
    }

    /// A unique index's refusal would abort the whole transaction: the statement runs after a
    /// savepoint, and on a unique violation the session rolls back to it and carries on.
    protected override async Task<int> ExecuteUniqueAsync(DbCommand command, CancellationToken ct)
    {
        Defer(new NpgsqlCommand("SAVEPOINT unique_write"));
        try
        {
            var changed = await ExecuteAsync(command, ct).ConfigureAwait(false);
            Defer(new NpgsqlCommand("RELEASE SAVEPOINT unique_write"));
            return changed;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync(new NpgsqlCommand("ROLLBACK TO SAVEPOINT unique_write", connection, transaction), ct).ConfigureAwait(false);
            return 0;
        }
    }

    protected override Task<T> QueryAsync<T>(DbCommand command, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct) =>
        RunAsync([command], read, ct);

    /// Taken with the session's next statement, like the opening lock.
    protected override void TakeLock(SessionLock sessionLock) => Defer(ResourceLock.For(Scope, sessionLock), returnsRows: true);

    /// One statement whatever the number of tags: the new ones come as two parallel arrays.
    protected override Task InsertTagsAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        var command = (NpgsqlCommand)Write("""
                INSERT INTO tags (account_id, region, resource_arn, key, value)
                SELECT @account, @tag_region, @arn, key, value FROM unnest(@keys, @values) AS t(key, value)
                """)
            .Bind("@arn", resourceArn)
            .Bind("@tag_region", TagRegion(resourceArn));
        BindArray(command, "keys", NpgsqlDbType.Text, tags.Keys);
        BindArray(command, "values", NpgsqlDbType.Text, tags.Values);
        return WriteAsync(command, ct);
    }

    /// One statement for the whole timeline: the steps travel as parallel arrays and unnest() turns
    /// them into rows, so tens of steps cost one round trip.
    public override async Task InsertStepsAsync(IEnumerable<EngagementStep> steps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var command = (NpgsqlCommand)Write("""
            INSERT INTO steps (id, account_id, region, engagement_id, kind, due, page_id, contact_alias,
                channel_arn, attempt, resolution, essential, trace_parent, done)
            SELECT id, @account, @region, engagement_id, kind, due, page_id, contact_alias,
                channel_arn, attempt, resolution, essential, trace_parent, false
            FROM unnest(@ids, @engagement_ids, @kinds, @dues, @page_ids, @contact_aliases, @channel_arns,
                        @attempts, @resolutions, @essentials, @trace_parents)
                AS s(id, engagement_id, kind, due, page_id, contact_alias, channel_arn, attempt, resolution, essential, trace_parent)
            """);
        var list = new List<StepRow>();
        foreach (var step in steps)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
            list.Add(StepRows.Write(step));
        }
        if (list.Count == 0)
        {
            await command.DisposeAsync().ConfigureAwait(false);
            return;
        }
        BindArray(command, "ids", NpgsqlDbType.Text, list.Select(s => s.Id));
        BindArray(command, "engagement_ids", NpgsqlDbType.Text, list.Select(s => s.EngagementId));
        BindArray(command, "kinds", NpgsqlDbType.Text, list.Select(s => s.Kind));
        BindArray(command, "dues", NpgsqlDbType.Bigint, list.Select(s => s.Due));
        BindArray(command, "page_ids", NpgsqlDbType.Text, list.Select(s => s.PageId));
        BindArray(command, "contact_aliases", NpgsqlDbType.Text, list.Select(s => s.ContactAlias));
        BindArray(command, "channel_arns", NpgsqlDbType.Text, list.Select(s => s.ChannelArn));
        BindArray(command, "attempts", NpgsqlDbType.Integer, list.Select(s => s.Attempt));
        BindArray(command, "resolutions", NpgsqlDbType.Text, list.Select(s => s.Resolution));
        BindArray(command, "essentials", NpgsqlDbType.Boolean, list.Select(s => s.Essential));
        BindArray(command, "trace_parents", NpgsqlDbType.Text, list.Select(s => s.TraceParent));
        await WriteAsync(command, ct).ConfigureAwait(false);
    }

    /// One statement for every engagement, the rows taken in id order like CancelSteps's and the
    /// engine's; held back until the session's next statement like the other locks.
    public override async Task LockPendingStepsAsync(IReadOnlyCollection<string> engagementIds, CancellationToken ct)
    {
        await base.LockPendingStepsAsync(engagementIds, ct).ConfigureAwait(false);
        if (engagementIds.Count == 0)
        {
            return;
        }
        var command = (NpgsqlCommand)Write("""
            SELECT id FROM steps
            WHERE account_id = @account AND region = @region AND engagement_id = ANY(@engagement_ids) AND NOT done
            ORDER BY id FOR UPDATE
            """);
        BindArray(command, "engagement_ids", NpgsqlDbType.Text, engagementIds);
        Defer(command, returnsRows: true);
    }

    static void BindArray<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | type) { Value = values.ToArray() });

    /// Holds a statement back until the next one whose result is needed, or the commit.
    void Defer(NpgsqlCommand command, bool returnsRows = false)
    {
        deferred.Add(ToBatchCommand(command));
        if (returnsRows)
        {
            deferredResultSets++;
        }
    }

    /// Runs the deferred statements and then `commands` in one round trip, and hands the reader,
    /// placed on the first result set of `commands`, to `read`.
    async Task<T> RunAsync<T>(IReadOnlyList<DbCommand> commands, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        if (deferred.Count == 0 && commands.Count == 1)
        {
            await using var command = commands[0];
            await using var single = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await read(single, ct).ConfigureAwait(false);
        }
        await using var batch = TakeDeferred(out var skip);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(ToBatchCommand((NpgsqlCommand)command));
        }
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        for (var i = 0; i < skip; i++)
        {
            await reader.NextResultAsync(ct).ConfigureAwait(false);
        }
        return await read(reader, ct).ConfigureAwait(false);
    }

    /// A batch in the session's transaction holding the deferred statements, which it takes over.
    NpgsqlBatch TakeDeferred(out int resultSets)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in deferred)
        {
            batch.BatchCommands.Add(command);
        }
        resultSets = deferredResultSets;
        deferred.Clear();
        deferredResultSets = 0;
        return batch;
    }

    /// The command's text and parameters as a statement of a batch; the command is disposed.
    static NpgsqlBatchCommand ToBatchCommand(NpgsqlCommand command)
    {
        using (command)
        {
            var batchCommand = new NpgsqlBatchCommand(command.CommandText);
            var parameters = command.Parameters.ToArray();
            command.Parameters.Clear();
            batchCommand.Parameters.AddRange(parameters);
            return batchCommand;
        }
    }

    protected override async Task CommitTransactionAsync(CancellationToken ct)
    {
        if (deferred.Count == 0)
        {
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return;
        }
        // The held-back statements and COMMIT in one round trip. A COMMIT sent as a statement
        // completes the NpgsqlTransaction all the same (Npgsql follows the server's transaction
        // status), so disposing it afterwards does nothing.
        await using var batch = TakeDeferred(out _);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// Rolls back whatever was not committed, then hands the connection back to the pool.
    protected override async ValueTask EndAsync()
    {
        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
