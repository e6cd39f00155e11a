namespace Callout.Storage.Rows;

/// The statements on steps, written once and spelled per database: SQLite keeps `done` as 0 or 1
/// and its partial indexes say `done = 0`, PostgreSQL's say `NOT done`. A planner uses a partial
/// index only for a query that repeats its condition, so each database gets the very text its
/// indexes were declared with. Each session builds its set once.
internal sealed class StepStatements(string pending, string done, string cancelSteps)
{
    public string CompleteStep { get; } = $"""
        UPDATE steps SET done = {done}
        WHERE account_id = @account AND region = @region AND id = @id AND {pending} AND lease_owner = @owner
        """;

    /// One row while the claim holds the step, none otherwise.
    public string IsStepHeld { get; } = $"""
        SELECT 1 FROM steps
        WHERE account_id = @account AND region = @region AND id = @id AND {pending} AND lease_owner = @owner
        """;

    /// Marks the engagement's pending steps done; the database says how it locks them.
    public string CancelSteps { get; } = cancelSteps;

    public string HasPendingSteps { get; } = $"""
        SELECT 1 FROM steps
        WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND {pending}
          AND due <= @up_to AND id <> @except
        LIMIT 1
        """;

    public string ExtendFinish { get; } = $"""
        UPDATE steps SET due = @end
        WHERE account_id = @account AND region = @region AND engagement_id = @engagement_id AND {pending}
          AND kind = 'FINISH' AND due < @end
        """;
}
