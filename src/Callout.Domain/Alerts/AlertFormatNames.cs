namespace Callout.Domain.Alerts;

/// How alert formats are spelled outside the process: in the management API and in the
/// alert_sources table alike.
public static class AlertFormatNames
{
    public static readonly EnumNames<AlertFormat> Names = new(
        (AlertFormat.Alertmanager, "ALERTMANAGER"),
        (AlertFormat.PagerDuty, "PAGERDUTY"),
        (AlertFormat.Grafana, "GRAFANA"),
        (AlertFormat.Sns, "SNS"),
        (AlertFormat.Generic, "GENERIC"));
}
