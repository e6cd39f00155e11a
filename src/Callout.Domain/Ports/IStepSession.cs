using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Domain.Ports;

/// The engine's steps of the engagements of one account and region: laid out when an engagement
/// starts, claimed across scopes (IEngineStore.ClaimDueStepsAsync), completed here.
public interface IStepSession
{
    Task InsertStepsAsync(IEnumerable<EngagementStep> steps, CancellationToken ct);

    /// Marks a step done so no node picks it up again, if the claim `owner` still holds it. False,
    /// changing nothing, when the step is done already (the engagement stopped, or another claim
    /// finished it) or another claim took it over after this one's lease ran out.
    Task<bool> CompleteStepAsync(string stepId, string owner, CancellationToken ct);

    /// CompleteStepAsync for a caller that keeps its work either way (a send whose outcome is
    /// known) and so needs no answer; a store may then send it with the commit.
    async Task CompleteStepQuietlyAsync(string stepId, string owner, CancellationToken ct) =>
        await CompleteStepAsync(stepId, owner, ct).ConfigureAwait(false);

    /// Whether the claim `owner` still holds the step: not done, and not claimed by anyone since.
    Task<bool> IsStepHeldAsync(string stepId, string owner, CancellationToken ct);

    /// Locks the pending steps of several engagements at once, in id order, for a session about to
    /// stop them all (an incident's engagements when it is resolved). CancelStepsAsync locks one
    /// engagement's steps in id order, as the engine's sessions lock the steps of the sends they
    /// run together; stopping engagements one after another would take the steps of all of them
    /// out of that order, and wait in a circle with a session sending pages of two of them.
    Task LockPendingStepsAsync(IReadOnlyCollection<string> engagementIds, CancellationToken ct);

    /// Marks every pending step of the engagement done (it stopped).
    Task CancelStepsAsync(string engagementId, CancellationToken ct);

    /// Moves the engagement's pending Finish step to `end` if that is later than where it is.
    Task ExtendFinishAsync(string engagementId, Instant end, CancellationToken ct);

    /// Whether any step of the engagement other than `exceptStepId` is still to run at or before `upTo`.
    Task<bool> HasPendingStepsAsync(string engagementId, Instant upTo, string exceptStepId, CancellationToken ct);
}
