using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Observability;

/// `--log-format json`: every line of standard output is one JSON object with the documented
/// fields (docs/operations.md, "Logs"), for log shippers; the default stays text.
public sealed class JsonLogTests
{
    static readonly HttpClient Http = new();

    static readonly string[] Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];

    const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    /// A ListContacts call carrying a W3C traceparent; returns the request id it was answered with.
    static async Task<string> CallAsync(ServerProcess server, string target, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", target);
        request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
        using var response = await Http.SendAsync(request);
        return response.Headers.GetValues("x-amzn-RequestId").Single();
    }

    static IReadOnlyList<JsonElement> Parse(ServerProcess server) =>
        [.. server.Output.Split('\n').Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task every_line_is_a_json_object_with_timestamp_level_category_and_message()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--log-format", "json"]);
        var requestId = await CallAsync(server, "SSMContacts.ListContacts", "{}");
        await ServerLog.WaitForAsync(server, l => l.Contains(requestId, StringComparison.Ordinal));

        var lines = Parse(server);

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.Equal(JsonValueKind.Object, line.ValueKind);
            Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), line.ToString());
            Assert.Contains(line.GetProperty("level").GetString(), Levels);
            Assert.False(string.IsNullOrEmpty(line.GetProperty("category").GetString()), line.ToString());
            Assert.Equal(JsonValueKind.String, line.GetProperty("message").ValueKind);
        }
        // The start-up banner is a JSON line too, and still names where the server listens.
        Assert.Contains(lines, l => l.GetProperty("message").GetString()!.StartsWith("Callout listening on ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_request_line_carries_its_request_id_and_the_callers_trace_id()
    {
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--log-format", "json"]);

        var ok = await CallAsync(server, "SSMContacts.ListContacts", "{}");
        var refused = await CallAsync(server, "SSMContacts.GetContact", """{"ContactId":"not-an-arn"}""");
        await ServerLog.WaitForAsync(server, l => l.Contains(refused, StringComparison.Ordinal));

        var lines = Parse(server);
        foreach (var (id, operation, status) in new[] { (ok, "ListContacts", 200), (refused, "GetContact", 400) })
        {
            var line = Assert.Single(lines, l => l.TryGetProperty("requestId", out var r) && r.GetString() == id);
            Assert.Equal("Information", line.GetProperty("level").GetString());
            Assert.Equal("Callout.Server.Api.ApiEndpoint", line.GetProperty("category").GetString());
            Assert.Equal(TraceId, line.GetProperty("traceId").GetString());
            Assert.Matches("^[0-9a-f]{16}$", line.GetProperty("spanId").GetString()!);
            Assert.Equal(operation, line.GetProperty("properties").GetProperty("Operation").GetString());
            Assert.Equal(status, line.GetProperty("properties").GetProperty("Status").GetInt32());
        }
    }

    [Fact]
    public async Task the_default_stays_one_readable_line_per_event()
    {
        await using var server = await ServerProcess.StartAsync();
        var requestId = await CallAsync(server, "SSMContacts.ListContacts", "{}");

        var line = Assert.Single(await ServerLog.WaitForAsync(server, l => l.Contains(requestId, StringComparison.Ordinal)));

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info: Callout\.Server\.Api\.ApiEndpoint\[\d+\] ListContacts 200 OK ", line);
    }

    [Fact]
    public async Task an_unknown_log_format_stops_the_server_with_code_2()
    {
        var exit = await ServerCommand.RunToExitAsync(["--in-memory", "--log-format", "yaml"]);

        Assert.Equal(2, exit.Code);
        Assert.Contains("--log-format", exit.Stderr, StringComparison.Ordinal);
    }
}
