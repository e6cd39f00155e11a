using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;
using Callout.Testing.Otlp;

namespace Callout.EndToEnd.Observability;

/// Traces are off unless an OTLP endpoint is set (docs/operations.md, "Traces"), whatever other
/// OTEL_* variables say, and a bad endpoint or protocol stops the start like any bad setting.
public sealed class TraceSettingsTests
{
    [Fact]
    public async Task without_an_endpoint_nothing_is_exported_and_no_receiver_is_contacted()
    {
        // Where the OTLP exporter sends by default (localhost:4318 over http/protobuf).
        await using var receiver = await OtlpReceiver.StartAsync("http://localhost:4318");
        await using var server = await ServerProcess.StartAsync(extraArgs: ["--clock", "virtual"], environment: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "callout-untraced",
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var paging = new Paging(ApiClient.ForNewAccount(server.Endpoint), server.Endpoint);
        var person = await paging.PersonWithPlanAsync("akuam");
        await paging.StartAtNowAsync(person.Arn);
        Assert.NotEmpty(await paging.SentAsync());

        // A graceful stop flushes whatever an exporter still held.
        await server.StopAsync();

        Assert.Equal(0, receiver.Requests);
        Assert.Contains("traces: off", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task over_grpc_the_calls_spans_reach_a_grpc_receiver_with_the_service_named()
    {
        await using var receiver = await OtlpReceiver.StartGrpcAsync();
        await using var server = await ServerProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var client = ApiClient.ForNewAccount(server.Endpoint);

        await client.OkAsync("ListContacts", "{}");

        var spans = await receiver.WaitForAsync(s => s.Any(x => x.Name == "SSMContacts/ListContacts"));
        var span = spans.First(x => x.Name == "SSMContacts/ListContacts");
        Assert.Equal(client.Account, span["cloud.account.id"]);
        Assert.Equal("callout", span.Resource["service.name"]);
        Assert.Equal(0, receiver.Malformed);
        Assert.Contains($"traces: otlp grpc {receiver.Endpoint}", server.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://127.0.0.1:4318", "OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "not a url", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL")]
    public async Task a_bad_endpoint_or_protocol_stops_the_server_with_code_2(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318", [variable] = value };

        var exit = await ServerCommand.RunToExitAsync(["--in-memory"], environment);

        Assert.Equal(2, exit.Code);
        Assert.Contains(named, exit.Stderr, StringComparison.Ordinal);
        Assert.Contains(value, exit.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task check_config_names_where_traces_go_and_refuses_a_bad_protocol()
    {
        var on = await ServerCommand.RunToExitAsync(["check-config", "--in-memory"],
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318" });
        var off = await ServerCommand.RunToExitAsync(["check-config", "--in-memory"],
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "", ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "" });
        var bad = await ServerCommand.RunToExitAsync(["check-config", "--in-memory"],
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/json" });

        Assert.Equal(0, on.Code);
        Assert.Contains("traces: otlp http/protobuf http://127.0.0.1:4318/v1/traces", on.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, off.Code);
        Assert.Contains("traces: off", off.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, bad.Code);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL", bad.Stderr, StringComparison.Ordinal);
    }
}
