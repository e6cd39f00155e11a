namespace Callout.Server.Alerts;

/// An incident's impact (1 critical … 5 no impact, as SSM Incidents rates it) from the severity a
/// sender gives: PagerDuty's four values, the `severity` label conventions of Prometheus rules
/// (docs/alerts.md lists them), or a number 1–5. Anything else leaves the plan's impact.
static class AlertSeverity
{
    static readonly Dictionary<string, int> Impacts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = 1, ["fatal"] = 1, ["emergency"] = 1, ["disaster"] = 1, ["page"] = 1, ["p1"] = 1, ["sev1"] = 1,
        ["high"] = 2, ["error"] = 2, ["major"] = 2, ["p2"] = 2, ["sev2"] = 2,
        ["warning"] = 3, ["warn"] = 3, ["medium"] = 3, ["average"] = 3, ["minor"] = 3, ["p3"] = 3, ["sev3"] = 3,
        ["info"] = 4, ["information"] = 4, ["informational"] = 4, ["low"] = 4, ["notice"] = 4, ["p4"] = 4, ["sev4"] = 4,
        ["none"] = 5, ["debug"] = 5, ["ok"] = 5, ["p5"] = 5, ["sev5"] = 5,
        ["1"] = 1, ["2"] = 2, ["3"] = 3, ["4"] = 4, ["5"] = 5,
    };

    public static int? ImpactOf(string? severity) =>
        severity is not null && Impacts.TryGetValue(severity.Trim(), out var impact) ? impact : null;
}
