using Callout.Server.Hosting;
using Callout.Server.Hosting.Tracing;
using OpenTelemetry.Exporter;
using Xunit;

namespace Callout.Tests.Configuration;

/// Which OTEL_* variables turn traces on and where they go (docs/configuration.md, "Traces"): the
/// OpenTelemetry specification's rules for the endpoint and protocol, read as the SDK reads them.
public sealed class TraceExportTests
{
    static TraceExport? From(params (string Name, string Value)[] variables)
    {
        // A later value of a variable replaces an earlier one.
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            map[name] = value;
        }
        return TraceExport.FromEnvironment(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void traces_are_off_without_an_endpoint_whatever_else_is_set()
    {
        Assert.Null(From());
        Assert.Null(From(("OTEL_EXPORTER_OTLP_ENDPOINT", ""), ("OTEL_SERVICE_NAME", "x"), ("OTEL_TRACES_SAMPLER", "always_on")));
        Assert.Equal("off", TraceExport.Describe(null));
    }

    [Fact]
    public void the_base_endpoint_gets_the_traces_path_over_http_and_is_the_url_itself_over_grpc()
    {
        var http = From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))!;
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), http.Endpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, http.Protocol);
        Assert.Equal("otlp http/protobuf http://collector:4318/v1/traces", TraceExport.Describe(http));

        var prefixed = From(("OTEL_EXPORTER_OTLP_ENDPOINT", "https://gateway.example.com/otlp/"))!;
        Assert.Equal(new Uri("https://gateway.example.com/otlp/v1/traces"), prefixed.Endpoint);

        var grpc = From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))!;
        Assert.Equal(new Uri("http://collector:4317"), grpc.Endpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, grpc.Protocol);
    }

    [Fact]
    public void the_traces_own_variables_win_and_their_endpoint_is_taken_as_it_is()
    {
        var export = From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:9999/custom"), ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"))!;

        Assert.Equal(new Uri("http://traces:9999/custom"), export.Endpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, export.Protocol);
        Assert.NotNull(From(("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/v1/traces")));
    }

    [Fact]
    public void the_sdk_switch_and_an_exporter_list_without_otlp_turn_traces_off()
    {
        Assert.Null(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_SDK_DISABLED", "TRUE")));
        Assert.Null(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_TRACES_EXPORTER", "none")));
        Assert.NotNull(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_TRACES_EXPORTER", "console, otlp")));
        Assert.NotNull(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), ("OTEL_SDK_DISABLED", "false")));
    }

    [Fact]
    public void the_service_is_named_callout_unless_the_environment_names_it()
    {
        Assert.Equal(TraceExport.DefaultServiceName, From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"))!.ServiceName);
        Assert.Null(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), ("OTEL_SERVICE_NAME", "pager"))!.ServiceName);
        Assert.Null(From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), ("OTEL_RESOURCE_ATTRIBUTES", "team=sre,service.name=pager"))!.ServiceName);
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "/v1/traces")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "file:///tmp/traces")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "thrift")]
    public void a_malformed_endpoint_or_an_unknown_protocol_is_refused_with_the_variable_named(string variable, string value)
    {
        var refused = Assert.Throws<OptionsException>(() => From(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), (variable, value)));

        Assert.Contains(variable, refused.Message, StringComparison.Ordinal);
        Assert.Contains(value, refused.Message, StringComparison.Ordinal);
    }
}
