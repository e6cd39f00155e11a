using Callout.Domain.Alerts;

namespace Callout.Server.Alerts;

/// Turns an alert that arrived through a source into an incident start, resolve or acknowledge
/// (IIncidentStarter), with the trigger ARN derived from the source and the alert's key, so every
/// sender format shares one path and one dedupe rule. `sourceAddress` is the sender's IP, for the
/// audit log.
interface IAlertIntake
{
    Task<AlertOutcome> ReceiveAsync(AlertSource source, AlertSignal signal, string? sourceAddress, CancellationToken ct);
}
