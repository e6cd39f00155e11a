using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;
using Callout.Testing;

namespace Callout.EndToEnd.Delivery;

/// A virtual-clock server whose providers are real local sinks: aiosmtpd for email, and the HTTP
/// sink playing Twilio for SMS and voice (or the webhook receiver, in WebhookFixture). The server's
/// port is chosen first so its public URL, which goes into links and callbacks, is its own.
public partial class ProviderFixture : IAsyncLifetime
{
    public const string TwilioFrom = "+15005550006";

    static int _numbers = Random.Shared.Next(1_000_000, 8_000_000);

    public ServerProcess Server { get; private set; } = null!;

    public SmtpSink Smtp { get; private set; } = null!;

    public HttpProviderSink Sink { get; private set; } = null!;

    public Uri PublicUrl { get; private set; } = null!;

    public ApiClient NewClient() => ApiClient.ForNewAccount(Server.Endpoint);

    /// A phone number no other test uses, so sink requests and scripts are per test.
    public static string NewNumber() => "+1555" + Interlocked.Increment(ref _numbers).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    protected virtual Dictionary<string, string> Environment() => new()
    {
        ["CALLOUT_EMAIL_PROVIDER"] = "smtp",
        ["CALLOUT_SMTP_HOST"] = SmtpSink.Host,
        ["CALLOUT_SMTP_PORT"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CALLOUT_SMTP_FROM"] = "Callout <callout@example.com>",
        ["CALLOUT_SMS_PROVIDER"] = "twilio",
        ["CALLOUT_VOICE_PROVIDER"] = "twilio",
        ["CALLOUT_TWILIO_BASE_URL"] = Sink.BaseUrl.ToString(),
        ["CALLOUT_TWILIO_ACCOUNT_SID"] = Sink.AccountSid,
        ["CALLOUT_TWILIO_AUTH_TOKEN"] = Sink.AuthToken,
        ["CALLOUT_TWILIO_FROM"] = TwilioFrom,
    };

    /// Outside servers a subclass starts before the server, whose environment may name them.
    protected virtual Task StartOthersAsync() => Task.CompletedTask;

    protected virtual ValueTask StopOthersAsync() => ValueTask.CompletedTask;

    protected virtual IEnumerable<string> ExtraArguments() => [];

    public async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        Sink = await HttpProviderSink.StartAsync();
        await StartOthersAsync();
        var port = FreePort.Next();
        PublicUrl = new Uri($"http://127.0.0.1:{port}/");
        Server = await ServerProcess.StartAsync(
            extraArgs: ["--clock", "virtual", "--urls", $"http://127.0.0.1:{port}", "--public-url", PublicUrl.ToString(), .. ExtraArguments()],
            environment: Environment());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await StopOthersAsync();
        await Sink.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// The newest activation code sent to an address, wherever its provider put it.
    public async Task<string> ActivationCodeAsync(ApiClient client, string address)
    {
        if (await Outbox.LatestCodeAsync(Server.Endpoint, client.Account, address) is { Length: > 0 } queued)
        {
            return queued;
        }
        var texts = Smtp.Messages().Where(m => m.To.Mailboxes.Any(a => a.Address == address)).Select(m => m.TextBody)
            .Concat(Sink.Requests.Where(r => r.Status is >= 200 and < 300 && (r["To"] ?? r["address"]) == address
                    && (r.Header("I-Twilio-Idempotency-Token") ?? r["idempotencyKey"] ?? "").StartsWith("activation:", StringComparison.Ordinal))
                .Select(r => r["Body"] ?? r["Twiml"] ?? r["body"]))
            .ToList();
        var code = texts.Select(t => Code().Match((t ?? "").Replace(" ", "", StringComparison.Ordinal))).LastOrDefault(m => m.Success);
        return code?.Value ?? throw new Xunit.Sdk.XunitException($"No activation code was sent to {address}.\n{Server.Output}");
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{6}(?![0-9])")]
    private static partial Regex Code();
}

/// Email and SMS through the webhook provider, in the middle of a secret rotation: the server holds
/// the sink's secret (the newest) and the one before it.
public sealed class WebhookFixture : ProviderFixture
{
    public string PreviousWebhookSecret { get; } = StandardWebhooks.NewSecret();

    protected override Dictionary<string, string> Environment() => new()
    {
        ["CALLOUT_EMAIL_PROVIDER"] = "webhook",
        ["CALLOUT_SMS_PROVIDER"] = "webhook",
        ["CALLOUT_WEBHOOK_URL"] = Sink.WebhookUrl.ToString(),
        ["CALLOUT_WEBHOOK_SECRET"] = Sink.WebhookSecret + " " + PreviousWebhookSecret,
    };
}
