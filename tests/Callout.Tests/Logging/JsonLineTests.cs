using System.Diagnostics;
using System.Text.Json;
using Callout.Server.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Callout.Tests.Logging;

/// One log event, one line of JSON, whatever the message or its values hold (docs/operations.md,
/// "Logs").
public sealed class JsonLineTests
{
    static readonly DateTimeOffset At = new(2026, 12, 6, 12, 49, 44, 447, TimeSpan.Zero);

    static JsonElement Parse(string line)
    {
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        return JsonDocument.Parse(line).RootElement;
    }

    [Fact]
    public void the_fields_are_named_as_documented_and_the_request_id_is_lifted_out()
    {
        KeyValuePair<string, object?>[] values =
        [
            new("Operation", "ListContacts"), new("Status", 200), new("DurationMs", 1.5), new("RequestId", "r-1"),
            new("{OriginalFormat}", "{Operation} {Status} {DurationMs}ms {RequestId}"),
        ];

        var line = Parse(JsonLine.Format(At, LogLevel.Information, "Callout.Server.Api.ApiEndpoint", 7, "ListContacts 200 1.50ms r-1", values, null));

        Assert.Equal("2026-12-06T12:49:44.447Z", line.GetProperty("timestamp").GetString());
        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal("Callout.Server.Api.ApiEndpoint", line.GetProperty("category").GetString());
        Assert.Equal(7, line.GetProperty("eventId").GetInt32());
        Assert.Equal("ListContacts 200 1.50ms r-1", line.GetProperty("message").GetString());
        Assert.Equal("r-1", line.GetProperty("requestId").GetString());
        var properties = line.GetProperty("properties");
        Assert.Equal(200, properties.GetProperty("Status").GetInt32());
        Assert.Equal(1.5, properties.GetProperty("DurationMs").GetDouble());
        Assert.False(properties.TryGetProperty("{OriginalFormat}", out _));
        Assert.False(line.TryGetProperty("traceId", out _));
    }

    [Fact]
    public void line_breaks_exceptions_and_values_json_cannot_hold_stay_on_one_valid_line()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("first line\nsecond line");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }
        KeyValuePair<string, object?>[] values = [new("Ratio", double.NaN), new("Big", ulong.MaxValue), new("Nothing", null)];

        var line = Parse(JsonLine.Format(At, LogLevel.Error, "c", 0, "a\r\nb \"quoted\" <tag> é", values, thrown));

        Assert.Equal("a\r\nb \"quoted\" <tag> é", line.GetProperty("message").GetString());
        Assert.Contains("first line\nsecond line", line.GetProperty("exception").GetString(), StringComparison.Ordinal);
        Assert.Equal("NaN", line.GetProperty("properties").GetProperty("Ratio").GetString());
        Assert.Equal(ulong.MaxValue, line.GetProperty("properties").GetProperty("Big").GetUInt64());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("properties").GetProperty("Nothing").ValueKind);
        Assert.False(line.TryGetProperty("eventId", out _));
    }

    [Fact]
    public void within_an_activity_the_line_names_its_trace_and_span()
    {
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = Parse(JsonLine.Format(At, LogLevel.Warning, "c", 0, "m", null, null));

        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("traceId").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("spanId").GetString());
    }
}
