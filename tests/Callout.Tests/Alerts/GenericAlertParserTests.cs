using Callout.Server.Alerts;
using Callout.Server.Alerts.Generic;
using Xunit;
using static Callout.Tests.Alerts.AlertBodies;

namespace Callout.Tests.Alerts;

public class GenericAlertParserTests
{
    [Fact]
    public void a_firing_alert_carries_its_key_title_summary_and_impact()
    {
        var signal = GenericAlertParser.Parse(Bytes("""{"dedupKey":"db-1/disk","status":"firing","title":"Disk full","summary":"/var at 99%","impact":2}"""), out var error);

        Assert.Null(error);
        Assert.Equal(new AlertAction?(AlertAction.Trigger), signal?.Action);
        Assert.Equal("db-1/disk", signal?.Key);
        Assert.Equal("Disk full", signal?.Title);
        Assert.Equal("/var at 99%", signal?.Summary);
        Assert.Equal(2, signal?.Impact);
    }

    [Fact]
    public void status_defaults_to_firing_and_a_resolve_needs_only_its_key()
    {
        Assert.Equal(AlertAction.Trigger, GenericAlertParser.Parse(Bytes("""{"dedupKey":"k","title":"t"}"""), out _)?.Action);
        var resolve = GenericAlertParser.Parse(Bytes("""{"dedupKey":"k","status":"resolved"}"""), out var error);
        Assert.Null(error);
        Assert.Equal(AlertAction.Resolve, resolve?.Action);
    }

    [Theory]
    [InlineData("""{"title":"t"}""", "dedupKey is required")]
    [InlineData("""{"dedupKey":"","title":"t"}""", "dedupKey must not be empty")]
    [InlineData("""{"dedupKey":["k"],"title":"t"}""", "dedupKey must be a string, not an array")]
    [InlineData("""{"dedupKey":"k"}""", "title is required for a firing alert")]
    [InlineData("""{"dedupKey":"k","title":"  "}""", "title is required for a firing alert")]
    [InlineData("""{"dedupKey":"k","title":"t","status":"open"}""", "status must be \"firing\" or \"resolved\"")]
    [InlineData("""{"dedupKey":"k","title":"t","impact":0}""", "impact must be a whole number from 1 to 5")]
    [InlineData("""{"dedupKey":"k","title":"t","impact":2.5}""", "impact must be a whole number from 1 to 5")]
    [InlineData("""{"dedupKey":"k","title":"t","impact":"2"}""", "impact must be a whole number from 1 to 5")]
    [InlineData("""{"dedupKey":"k","title":"t","impact":1e300}""", "impact must be a whole number from 1 to 5")]
    [InlineData("""{"dedupKey":"k","title":"t","summary":false}""", "summary must be a string")]
    [InlineData("""{"dedupKey":"k",""", "not JSON")]
    public void a_malformed_alert_is_refused_with_a_reason(string body, string reason)
    {
        Assert.Null(GenericAlertParser.Parse(Bytes(body), out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dedupKey", 256, "dedupKey may have at most 255 characters")]
    [InlineData("title", 201, "title may have at most 200 characters")]
    [InlineData("summary", 8001, "summary may have at most 8000 characters")]
    public void members_past_their_length_are_refused(string member, int length, string reason)
    {
        var members = new Dictionary<string, string> { ["dedupKey"] = "k", ["title"] = "t", [member] = new string('x', length) };
        var body = System.Text.Json.JsonSerializer.Serialize(members);

        Assert.Null(GenericAlertParser.Parse(Bytes(body), out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
