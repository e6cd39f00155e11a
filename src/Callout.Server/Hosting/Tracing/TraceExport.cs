using Callout.Engine.Tracing;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Callout.Server.Hosting.Tracing;

/// Where Callout's spans go: OpenTelemetry's OTLP exporter, configured by the standard OTEL_*
/// variables, and off unless an OTLP endpoint is set (docs/operations.md, "Traces"). Endpoint and
/// protocol are read here, so a bad one stops the start with one line (exit code 2) and the banner
/// names where traces go; headers, timeout, compression, batching (OTEL_BSP_*), the sampler
/// (OTEL_TRACES_SAMPLER) and resource attributes are left to the SDK, which reads them itself.
sealed record TraceExport(Uri Endpoint, OtlpExportProtocol Protocol, string? ServiceName)
{
    public const string DefaultServiceName = "callout";

    const string HttpClientSource = "System.Net.Http";
    const string HttpProtobuf = "http/protobuf";
    const string Grpc = "grpc";

    /// Null when traces are off: no endpoint, OTEL_SDK_DISABLED=true, or OTEL_TRACES_EXPORTER
    /// naming no otlp exporter (`none`).
    public static TraceExport? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value.Trim() : null;

        var signalEndpoint = Get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        var baseEndpoint = Get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (signalEndpoint is null && baseEndpoint is null)
        {
            return null;
        }
        if (string.Equals(Get("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (Get("OTEL_TRACES_EXPORTER") is { } exporters
            && !exporters.Split(',').Any(e => string.Equals(e.Trim(), "otlp", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // http/protobuf unless told otherwise: the specification's default (the .NET exporter's own
        // is grpc).
        var protocolVariable = Get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") is not null ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" : "OTEL_EXPORTER_OTLP_PROTOCOL";
        var protocolName = Get(protocolVariable) ?? HttpProtobuf;
        var protocol = protocolName.ToLowerInvariant() switch
        {
            HttpProtobuf => OtlpExportProtocol.HttpProtobuf,
            Grpc => OtlpExportProtocol.Grpc,
            _ => throw new OptionsException(
                $"{protocolVariable} takes {HttpProtobuf} or {Grpc}, not '{protocolName}' (http/json is not supported)."),
        };

        // The signal's own variable is the URL as it is; the base one gets the signal's path under
        // it over HTTP (the OpenTelemetry specification's rule), and is the URL itself over gRPC.
        var name = signalEndpoint is not null ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT";
        var text = signalEndpoint ?? baseEndpoint!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https") || endpoint.Host.Length == 0)
        {
            throw new OptionsException($"{name} takes an absolute http:// or https:// URL, not '{text}'.");
        }
        if (signalEndpoint is null && protocol == OtlpExportProtocol.HttpProtobuf)
        {
            endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/v1/traces");
        }

        var serviceNamed = Get("OTEL_SERVICE_NAME") is not null
            || (Get("OTEL_RESOURCE_ATTRIBUTES") ?? "").Split(',').Any(a => a.Trim().StartsWith("service.name=", StringComparison.Ordinal));
        return new TraceExport(endpoint, protocol, serviceNamed ? null : DefaultServiceName);
    }

    /// How the start-up banner names it.
    public static string Describe(TraceExport? export) => export is null
        ? "off"
        : $"otlp {(export.Protocol == OtlpExportProtocol.Grpc ? Grpc : HttpProtobuf)} {export.Endpoint}";

    public void AddTo(IServiceCollection services, string nodeName)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read by the SDK, win over these.
                if (ServiceName is not null)
                {
                    resource.AddService(ServiceName, serviceVersion: BuildVersion.Current, serviceInstanceId: nodeName);
                }
                else
                {
                    resource.AddAttributes([new("service.version", BuildVersion.Current), new("service.instance.id", nodeName)]);
                }
            })
            .WithTracing(tracing => tracing
                // HttpClient's own span of each outgoing request (a webhook, Twilio, SNS), under
                // the provider call's: its id is the traceparent the provider receives, so it is
                // exported too rather than leave the receiver a parent no one has seen.
                .AddSource([.. Traces.SourceNames, HttpClientSource])
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = Endpoint;
                    o.Protocol = Protocol;
                }));
    }
}
