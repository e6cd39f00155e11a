using Callout.Server.Alerts;
using Callout.Server.Alerts.PagerDuty;
using Xunit;
using static Callout.Tests.Alerts.AlertBodies;

namespace Callout.Tests.Alerts;

public class PagerDutyEventParserTests
{
    const string Key = "k3yk3yk3yk3yk3yk3yk3yk3yk3yk3yk3yk3yk3yk3yk";

    [Fact]
    public void a_trigger_as_alertmanager_sends_it_is_keyed_by_its_dedup_key()
    {
        var e = PagerDutyEventParser.Parse(Bytes(PagerDuty(Key)), out var error);

        Assert.Null(error);
        Assert.NotNull(e);
        Assert.Equal(Key, e.RoutingKey);
        Assert.Equal("3b4a5e1b3c1f8a6d", e.DedupKey);
        Assert.Equal(AlertAction.Trigger, e.Signal.Action);
        Assert.Equal("3b4a5e1b3c1f8a6d", e.Signal.Key);
        Assert.Equal("[FIRING:1] DiskFull (db-1)", e.Signal.Title);
        Assert.Equal(1, e.Signal.Impact);
    }

    [Theory]
    [InlineData("critical", 1)]
    [InlineData("error", 2)]
    [InlineData("warning", 3)]
    [InlineData("info", 4)]
    public void each_pagerduty_severity_has_its_impact(string severity, int impact)
    {
        Assert.Equal(impact, PagerDutyEventParser.Parse(Bytes(PagerDuty(Key, severity: severity)), out _)?.Signal.Impact);
    }

    [Theory]
    [InlineData("acknowledge", "Acknowledge")]
    [InlineData("resolve", "Resolve")]
    public void acknowledge_and_resolve_name_the_trigger_by_its_dedup_key(string action, string expectedAction)
    {
        var expected = Enum.Parse<AlertAction>(expectedAction);
        var e = PagerDutyEventParser.Parse(Bytes($$"""{"routing_key":"{{Key}}","event_action":"{{action}}","dedup_key":"abc"}"""), out var error);

        Assert.Null(error);
        Assert.Equal(expected, e?.Signal.Action);
        Assert.Equal("abc", e?.Signal.Key);
    }

    [Fact]
    public void a_trigger_without_a_dedup_key_gets_one_of_its_own()
    {
        var first = PagerDutyEventParser.Parse(Bytes(PagerDuty(Key, dedupKey: null)), out _);
        var second = PagerDutyEventParser.Parse(Bytes(PagerDuty(Key, dedupKey: null)), out _);

        Assert.Matches("^[0-9a-f]{32}$", first?.DedupKey);
        Assert.Equal(first?.DedupKey, first?.Signal.Key);
        Assert.NotEqual(first?.DedupKey, second?.DedupKey);
    }

    [Theory]
    [InlineData("""{"event_action":"trigger"}""", "routing_key is required")]
    [InlineData("""{"service_key":"x","event_type":"trigger"}""", "service_key belongs to Events API v1")]
    [InlineData("""{"routing_key":7,"event_action":"trigger"}""", "routing_key must be a string")]
    [InlineData("""{"routing_key":"k"}""", "event_action is required")]
    [InlineData("""{"routing_key":"k","event_action":"escalate","dedup_key":"d"}""", "event_action must be trigger, acknowledge or resolve")]
    [InlineData("""{"routing_key":"k","event_action":"resolve"}""", "dedup_key is required to resolve")]
    [InlineData("""{"routing_key":"k","event_action":"acknowledge"}""", "dedup_key is required to acknowledge")]
    [InlineData("""{"routing_key":"k","event_action":"trigger"}""", "payload is required")]
    [InlineData("""{"routing_key":"k","event_action":"trigger","payload":[]}""", "payload must be an object")]
    [InlineData("""{"routing_key":"k","event_action":"trigger","payload":{"source":"s","severity":"info"}}""", "payload.summary is required")]
    [InlineData("""{"routing_key":"k","event_action":"trigger","payload":{"summary":"s","severity":"info"}}""", "payload.source is required")]
    [InlineData("""{"routing_key":"k","event_action":"trigger","payload":{"summary":"s","source":"s"}}""", "payload.severity is required")]
    [InlineData("""{"routing_key":"k","event_action":"trigger","payload":{"summary":"s","source":"s","severity":"urgent"}}""", "payload.severity must be critical, error, warning or info")]
    [InlineData("""{"routing_key":"k","event_action":"trigger","dedup_key":5,"payload":{"summary":"s","source":"s","severity":"info"}}""", "dedup_key must be a string")]
    [InlineData("""{"routing_key":"k","event_action":"resolve","dedup_key":""}""", "dedup_key must have 1 to 255 characters")]
    [InlineData("""{"routing_key":"k","event_action":"trigger",""", "not JSON")]
    [InlineData("null", "must be a JSON object")]
    public void an_invalid_event_is_refused_with_pagerdutys_reason(string body, string reason)
    {
        Assert.Null(PagerDutyEventParser.Parse(Bytes(body), out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void a_dedup_key_longer_than_255_characters_is_refused()
    {
        Assert.NotNull(PagerDutyEventParser.Parse(Bytes(PagerDuty(Key, dedupKey: new string('d', 255))), out _));
        Assert.Null(PagerDutyEventParser.Parse(Bytes(PagerDuty(Key, dedupKey: new string('d', 256))), out var error));
        Assert.Contains("dedup_key must have 1 to 255 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public void a_summary_longer_than_pagerdutys_1024_characters_is_refused()
    {
        var body = $$$"""{"routing_key":"k","event_action":"trigger","payload":{"summary":"{{{new string('s', 1025)}}}","source":"s","severity":"info"}}""";

        Assert.Null(PagerDutyEventParser.Parse(Bytes(body), out var error));
        Assert.Contains("payload.summary may have at most 1024 characters", error, StringComparison.Ordinal);
    }
}
