using Callout.Server.Alerts;
using Xunit;

namespace Callout.Tests.Alerts;

public class AlertSeverityTests
{
    [Theory]
    [InlineData("critical", 1)]
    [InlineData("CRITICAL", 1)]
    [InlineData("page", 1)]
    [InlineData("high", 2)]
    [InlineData("error", 2)]
    [InlineData("warning", 3)]
    [InlineData(" warning ", 3)]
    [InlineData("info", 4)]
    [InlineData("none", 5)]
    [InlineData("3", 3)]
    public void known_severities_map_to_an_impact(string severity, int impact) => Assert.Equal(impact, AlertSeverity.ImpactOf(severity));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("urgent-ish")]
    [InlineData("0")]
    [InlineData("6")]
    public void anything_else_leaves_the_plans_impact(string? severity) => Assert.Null(AlertSeverity.ImpactOf(severity));
}
