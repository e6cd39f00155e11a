using Callout.Server.Alerts;
using Callout.Server.Alerts.Grafana;
using Xunit;
using static Callout.Tests.Alerts.AlertBodies;

namespace Callout.Tests.Alerts;

public class GrafanaParserTests
{
    [Fact]
    public void a_grafana_notification_is_keyed_by_its_group_key_and_titled_by_grafana_when_the_group_has_no_name()
    {
        var signal = GrafanaParser.Parse(Bytes(Grafana()), out var error);

        Assert.Null(error);
        Assert.Equal(AlertAction.Trigger, signal?.Action);
        Assert.Equal("""{}/{team="web"}:{grafana_folder="api"}""", signal?.Key);
        Assert.Equal("[FIRING:1] api (web)", signal?.Title);
        Assert.Equal("**Firing**\nValue: B=22", signal?.Summary);
    }

    [Fact]
    public void a_resolved_notification_resolves_the_same_group()
    {
        var firing = GrafanaParser.Parse(Bytes(Grafana("firing")), out _);
        var resolved = GrafanaParser.Parse(Bytes(Grafana("resolved")), out _);

        Assert.Equal(AlertAction.Resolve, resolved?.Action);
        Assert.Equal(firing?.Key, resolved?.Key);
    }

    [Fact]
    public void an_alert_name_and_summary_win_over_grafanas_title()
    {
        var signal = GrafanaParser.Parse(Bytes("""
            {"status":"firing","groupKey":"g","title":"[FIRING:1] x","message":"m",
             "commonLabels":{"alertname":"CPU","severity":"high"},"commonAnnotations":{"summary":"hot"}}
            """), out _);

        Assert.Equal("CPU: hot", signal?.Title);
        Assert.Equal("hot", signal?.Summary);
        Assert.Equal(2, signal?.Impact);
    }

    [Theory]
    [InlineData("""{"status":"firing","groupKey":"g","title":5}""", "title must be a string")]
    [InlineData("""{"status":"firing","groupKey":"g","message":{}}""", "message must be a string")]
    [InlineData("""{"state":"alerting","title":"t"}""", "groupKey is required")]
    [InlineData("""{"status":"firing""", "not JSON")]
    public void a_malformed_notification_is_refused_with_a_reason(string body, string reason)
    {
        Assert.Null(GrafanaParser.Parse(Bytes(body), out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
