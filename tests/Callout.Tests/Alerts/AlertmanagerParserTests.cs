using Callout.Server.Alerts;
using Callout.Server.Alerts.Alertmanager;
using NodaTime;
using Xunit;
using static Callout.Tests.Alerts.AlertBodies;

namespace Callout.Tests.Alerts;

public class AlertmanagerParserTests
{
    [Fact]
    public void a_firing_group_is_one_trigger_keyed_by_its_group_key()
    {
        var signal = AlertmanagerParser.Parse(Bytes(Alertmanager()), out var error);

        Assert.Null(error);
        Assert.NotNull(signal);
        Assert.Equal(AlertAction.Trigger, signal.Action);
        Assert.Equal("""{}:{alertname="HighLatency"}""", signal.Key);
        Assert.Equal("HighLatency: p99 above 2s", signal.Title);
        Assert.Equal("p99 above 2s", signal.Summary);
        // The most severe alert of the group (critical), as the group has no common severity.
        Assert.Equal(1, signal.Impact);
        // The earliest start of the group's alerts.
        Assert.Equal(Instant.FromUtc(2026, 12, 6, 10, 0, 0), signal.At);
        Assert.Contains("\"fingerprint\": \"c4b1a9d2e3f40516\"", signal.RawData, StringComparison.Ordinal);
    }

    [Fact]
    public void a_resolved_group_resolves_the_same_key()
    {
        var firing = AlertmanagerParser.Parse(Bytes(Alertmanager("firing")), out _);
        var resolved = AlertmanagerParser.Parse(Bytes(Alertmanager("resolved")), out _);

        Assert.Equal(AlertAction.Resolve, resolved?.Action);
        Assert.Equal(firing?.Key, resolved?.Key);
    }

    [Fact]
    public void a_common_severity_label_sets_the_impact()
    {
        var signal = AlertmanagerParser.Parse(Bytes("""
            {"status":"firing","groupKey":"g","commonLabels":{"alertname":"A","severity":"info"},
             "alerts":[{"labels":{"severity":"critical"}}]}
            """), out _);

        Assert.Equal(4, signal?.Impact);
    }

    [Fact]
    public void a_group_of_different_alerts_is_titled_by_the_first_and_how_many_others()
    {
        var signal = AlertmanagerParser.Parse(Bytes("""
            {"status":"firing","groupKey":"g","commonLabels":{},
             "alerts":[{"labels":{"alertname":"DiskFull"}},{"labels":{"alertname":"HighLoad"}},{"labels":{"alertname":"DiskFull"}}]}
            """), out _);

        Assert.Equal("DiskFull and 1 more", signal?.Title);
        Assert.Null(signal?.Impact);
    }

    [Fact]
    public void a_group_without_names_or_summaries_has_no_title_so_the_plan_gives_it()
    {
        var signal = AlertmanagerParser.Parse(Bytes("""{"status":"firing","groupKey":"g"}"""), out var error);

        Assert.Null(error);
        Assert.Equal("", signal?.Title);
        Assert.Null(signal?.At);
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("""{"status":"firing","groupKey":"g","alerts":[""", "not JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("\"firing\"", "must be a JSON object")]
    [InlineData("""{"status":"firing"}""", "groupKey is required")]
    [InlineData("""{"status":"firing","groupKey":""}""", "groupKey must not be empty")]
    [InlineData("""{"groupKey":"g"}""", "status is required")]
    [InlineData("""{"status":"burning","groupKey":"g"}""", "status must be \"firing\" or \"resolved\"")]
    [InlineData("""{"status":"firing","groupKey":42}""", "groupKey must be a string, not a number")]
    [InlineData("""{"status":true,"groupKey":"g"}""", "status must be a string, not a boolean")]
    [InlineData("""{"status":"firing","groupKey":"g","alerts":{}}""", "alerts must be an array, not an object")]
    [InlineData("""{"status":"firing","groupKey":"g","alerts":[1]}""", "alerts[0] must be an object, not a number")]
    [InlineData("""{"status":"firing","groupKey":"g","alerts":[{"labels":{"severity":3}}]}""", "alerts[0].labels.severity must be a string")]
    [InlineData("""{"status":"firing","groupKey":"g","commonLabels":[]}""", "commonLabels must be an object, not an array")]
    [InlineData("""{"status":"firing","groupKey":"g","commonAnnotations":"x"}""", "commonAnnotations must be an object, not a string")]
    [InlineData("""{"status":"firing","groupKey":"\uD800"}""", "lone UTF-16 surrogate")]
    [InlineData("""{"status":"firing","groupKey":"g","commonLabels":{"alertname":"\uDC00x"}}""", "lone UTF-16 surrogate")]
    public void a_malformed_body_is_refused_with_a_reason(string body, string reason)
    {
        var signal = AlertmanagerParser.Parse(Bytes(body), out var error);

        Assert.Null(signal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void invalid_utf8_and_deep_nesting_are_refused_not_thrown()
    {
        Assert.Null(AlertmanagerParser.Parse([(byte)'{', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)':', (byte)'1', (byte)'}'], out var utf8));
        Assert.Contains("not UTF-8", utf8, StringComparison.Ordinal);

        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Null(AlertmanagerParser.Parse(Bytes($$"""{"status":"firing","groupKey":"g","x":{{deep}}}"""), out var nested));
        Assert.Contains("not JSON", nested, StringComparison.Ordinal);
    }

    [Fact]
    public void a_surrogate_pair_escape_is_text_like_any_other()
    {
        var signal = AlertmanagerParser.Parse(Bytes("""{"status":"firing","groupKey":"g","commonLabels":{"alertname":"Fire \uD83D\uDD25"}}"""), out var error);

        Assert.Null(error);
        Assert.Equal("Fire \U0001F525", signal?.Title);
    }

    [Fact]
    public void a_lone_surrogate_in_a_member_name_the_parser_never_reads_is_refused_too()
    {
        Assert.Null(AlertmanagerParser.Parse(Bytes("""{"status":"firing","groupKey":"g","extra":{"\uDFFF":"x"}}"""), out var error));
        Assert.Contains("lone UTF-16 surrogate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void huge_strings_are_read_whole_and_left_for_the_intake_to_clip()
    {
        var huge = new string('x', 500_000);
        var signal = AlertmanagerParser.Parse(Bytes($$$"""{"status":"firing","groupKey":"{{{huge}}}","commonLabels":{"alertname":"{{{huge}}}"}}"""), out var error);

        Assert.Null(error);
        Assert.Equal(huge, signal?.Key);
        Assert.StartsWith("xxx", signal?.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void an_unparsable_start_time_only_leaves_the_trigger_undated()
    {
        var signal = AlertmanagerParser.Parse(Bytes("""{"status":"firing","groupKey":"g","alerts":[{"startsAt":"yesterday"}]}"""), out var error);

        Assert.Null(error);
        Assert.Null(signal?.At);
    }
}
