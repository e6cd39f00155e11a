using System.Text.Json;
using Callout.EndToEnd.Delivery;
using Callout.Testing;
using Callout.Testing.Otlp;

namespace Callout.EndToEnd.Observability;

/// A virtual-clock server exporting its traces to a real local OTLP receiver, with JSON logs, and
/// paging through the webhook provider, whose receiver records the traceparent header it got.
public sealed class TracedFixture : ProviderFixture
{
    public const string ServiceName = "callout-traces-e2e";

    public OtlpReceiver Receiver { get; private set; } = null!;

    protected override async Task StartOthersAsync() => Receiver = await OtlpReceiver.StartAsync();

    protected override ValueTask StopOthersAsync() => Receiver.DisposeAsync();

    protected override IEnumerable<string> ExtraArguments() => ["--log-format", "json"];

    protected override Dictionary<string, string> Environment() => new()
    {
        ["CALLOUT_EMAIL_PROVIDER"] = "webhook",
        ["CALLOUT_SMS_PROVIDER"] = "webhook",
        ["CALLOUT_WEBHOOK_URL"] = Sink.WebhookUrl.ToString(),
        ["CALLOUT_WEBHOOK_SECRET"] = Sink.WebhookSecret,
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.ToString(),
        ["OTEL_SERVICE_NAME"] = ServiceName,
        // Batches leave every 100 ms rather than every 5 s.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
    };

    /// The server's JSON log lines.
    public IReadOnlyList<JsonElement> LogLines() =>
        [.. Server.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)];
}
