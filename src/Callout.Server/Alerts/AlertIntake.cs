using Callout.Domain.Alerts;
using Callout.Protocol.Dispatch;
using Callout.Server.Api;
using Callout.Server.Incidents.Records;

namespace Callout.Server.Alerts;

/// Alert intake over the incident starter (docs/spec/incidents.md §5): the trigger ARN is the
/// source's ARN and the alert key's hash, so the starter's one-open-incident-per-key rule dedupes
/// repeats and concurrent duplicates of one source's key; the audit record names the source's
/// ARN as the caller and `Alert.<Format>` as the operation.
sealed class AlertIntake(IIncidentStarter starter, TimeProvider time) : IAlertIntake
{
    // The model's limits on what a StartIncident carries (TriggerDetails, IncidentTitle, IncidentSummary).
    const int MaxTitleLength = 200;
    const int MaxSummaryLength = 8000;
    const int MaxRawDataLength = 10000;

    public async Task<AlertOutcome> ReceiveAsync(AlertSource source, AlertSignal signal, string? sourceAddress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(signal);
        var sourceArn = AlertSourceArns.Of(source);
        var context = new RequestContext(RequestIds.Next(), OperationOf(source.Format), source.Scope.AccountId, source.Scope.Region,
            time.GetUtcNow(), AccessKeyId: sourceArn, SourceAddress: sourceAddress);
        var triggerArn = AlertSourceArns.Trigger(source, signal.Key);
        switch (signal.Action)
        {
            case AlertAction.Trigger:
                var started = await starter.StartAsync(context, new IncidentStartRequest(
                    source.ResponsePlanArn,
                    // No title: the plan's template title.
                    string.IsNullOrWhiteSpace(signal.Title) ? null : AlertText.Clip(signal.Title.Trim(), MaxTitleLength),
                    signal.Impact,
                    // No summary: the plan's template summary.
                    string.IsNullOrWhiteSpace(signal.Summary) ? null : AlertText.Clip(signal.Summary.Trim(), MaxSummaryLength),
                    TriggerSourceOf(source.Format),
                    signal.At ?? NodaTime.Instant.FromDateTimeOffset(context.ReceivedAt),
                    triggerArn,
                    signal.RawData is null ? null : AlertText.Clip(signal.RawData, MaxRawDataLength),
                    RelatedItemsJson: null,
                    CreatedBy: sourceArn,
                    InvokedBy: null,
                    ClientToken: null), ct);
                return new AlertOutcome(started.IncidentArn, started.Deduplicated);
            case AlertAction.Resolve:
                var resolved = await starter.ResolveAsync(context, source.ResponsePlanArn, triggerArn,
                    $"Resolved by alert source {source.Name} ({sourceArn}).", ct);
                return new AlertOutcome(resolved, Deduplicated: false);
            case AlertAction.Acknowledge:
                var acknowledged = await starter.AcknowledgeAsync(context, source.ResponsePlanArn, triggerArn, ct);
                return new AlertOutcome(acknowledged, Deduplicated: false);
            default:
                throw new ArgumentOutOfRangeException(nameof(signal), signal.Action, null);
        }
    }

    /// The trigger's source, as the incident record's `incidentRecordSource.source` shows it.
    public static string TriggerSourceOf(AlertFormat format) => format switch
    {
        AlertFormat.Alertmanager => "callout.alertmanager",
        AlertFormat.PagerDuty => "callout.pagerduty",
        AlertFormat.Grafana => "callout.grafana",
        AlertFormat.Sns => "callout.sns",
        AlertFormat.Generic => "callout.generic",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// The audit log's operation for an alert of this format.
    public static string OperationOf(AlertFormat format) => format switch
    {
        AlertFormat.Alertmanager => "Alert.Alertmanager",
        AlertFormat.PagerDuty => "Alert.PagerDuty",
        AlertFormat.Grafana => "Alert.Grafana",
        AlertFormat.Sns => "Alert.Sns",
        AlertFormat.Generic => "Alert.Generic",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
