using System.Data.Common;
using Callout.Domain.Engagements;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    /// The statements on steps in this database's spelling.
    protected abstract StepStatements Steps { get; }

    /// A timeline brings tens of steps at once; each database writes them its fastest way.
    public abstract Task InsertStepsAsync(IEnumerable<EngagementStep> steps, CancellationToken ct);

    public async Task<bool> CompleteStepAsync(string stepId, string owner, CancellationToken ct) =>
        await ExecuteAsync(CompleteStep(stepId, owner), ct).ConfigureAwait(false) == 1;

    /// Held back like any write whose result no one needs: it goes to the server with the commit.
    public async Task CompleteStepQuietlyAsync(string stepId, string owner, CancellationToken ct) =>
        await WriteAsync(CompleteStep(stepId, owner), ct).ConfigureAwait(false);

    DbCommand CompleteStep(string stepId, string owner) =>
        Write(Steps.CompleteStep)
            .Bind("@id", stepId)
            .Bind("@owner", owner);

    public async Task<bool> IsStepHeldAsync(string stepId, string owner, CancellationToken ct) =>
        await ScalarAsync(IsStepHeld(stepId, owner), ct).ConfigureAwait(false) is not null;

    protected DbCommand IsStepHeld(string stepId, string owner) =>
        Read(Steps.IsStepHeld)
            .Bind("@id", stepId)
            .Bind("@owner", owner);

    /// Nothing to take where a writing session already excludes every other writer (SQLite's one
    /// writer); a database whose writers run side by side locks the rows here (PostgresSession).
    public virtual Task LockPendingStepsAsync(IReadOnlyCollection<string> engagementIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engagementIds);
        CheckWritable();
        return Task.CompletedTask;
    }

    public async Task CancelStepsAsync(string engagementId, CancellationToken ct) =>
        await WriteAsync(Write(Steps.CancelSteps).Bind("@engagement_id", engagementId), ct).ConfigureAwait(false);

    public async Task<bool> HasPendingStepsAsync(string engagementId, Instant upTo, string exceptStepId, CancellationToken ct) =>
        await ScalarAsync(Read(Steps.HasPendingSteps)
            .Bind("@engagement_id", engagementId)
            .Bind("@up_to", Columns.Millis(upTo))
            .Bind("@except", exceptStepId), ct).ConfigureAwait(false) is not null;

    /// Any lease on the Finish step is left as it is; once it runs out the step is claimed again at
    /// its new due time.
    public async Task ExtendFinishAsync(string engagementId, Instant end, CancellationToken ct) =>
        await WriteAsync(Write(Steps.ExtendFinish)
            .Bind("@engagement_id", engagementId)
            .Bind("@end", Columns.Millis(end)), ct).ConfigureAwait(false);
}
