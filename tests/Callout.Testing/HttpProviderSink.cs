using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Callout.Testing;

/// A real HTTP server on a loopback port that plays the HTTP providers: Twilio's REST API
/// (Messages and Calls, answering with a sid) and a webhook receiver that checks Callout's Standard
/// Webhooks signature and that the post was signed within the last five minutes. It records every request, can be told to refuse the next requests for an address, and
/// sends Callout the callbacks a provider would, signed as that provider signs them
/// (HttpProviderSink.Callbacks.cs).
public sealed partial class HttpProviderSink : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<ProviderRequest> _requests = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new(StringComparer.Ordinal);

    HttpProviderSink(WebApplication app, string accountSid, string authToken, string webhookSecret)
    {
        _app = app;
        AccountSid = accountSid;
        AuthToken = authToken;
        WebhookSecret = webhookSecret;
    }

    public string AccountSid { get; }

    public string AuthToken { get; }

    public string WebhookSecret { get; }

    /// Twilio's API base (CALLOUT_TWILIO_BASE_URL).
    public Uri BaseUrl { get; private set; } = null!;

    /// The webhook receiver (CALLOUT_WEBHOOK_URL).
    public Uri WebhookUrl => new(BaseUrl, "webhook");

    public IReadOnlyList<ProviderRequest> Requests => [.. _requests];

    /// Twilio Messages requests (SMS), every try included.
    public IReadOnlyList<ProviderRequest> Messages => Of("Messages");

    /// Twilio Calls requests (voice), every try included.
    public IReadOnlyList<ProviderRequest> Calls => Of("Calls");

    public IReadOnlyList<ProviderRequest> Webhooks => Of("Webhook");

    public IReadOnlyList<ProviderRequest> Of(string kind) => _requests.Where(r => r.Kind == kind).ToList();

    public static async Task<HttpProviderSink> StartAsync(
        string accountSid = "AC0123456789abcdef0123456789abcdef", string authToken = "sink-auth-token", string? webhookSecret = null)
    {
        webhookSecret ??= StandardWebhooks.NewSecret();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new HttpProviderSink(app, accountSid, authToken, webhookSecret);
        app.MapPost("/2010-04-01/Accounts/{sid}/{resource}", (HttpContext context, string sid, string resource) => sink.TwilioAsync(context, sid, resource));
        app.MapPost("/webhook", sink.WebhookAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return sink;
    }

    /// The next requests for `address` (Twilio's To, the webhook's address) get these HTTP statuses,
    /// one each, before the sink accepts again.
    public void Refuse(string address, params int[] statuses)
    {
        var queue = _scripts.GetOrAdd(address, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    // Completed while the sink answers at once; a fresh one while it holds its answers.
    volatile TaskCompletionSource _answering = Answering();

    static TaskCompletionSource Answering()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    /// From now on the sink records each request as it arrives but answers none until Answer: a
    /// slow provider, with sends in flight for as long as the test likes.
    public void Hold() => _answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// Answers the held requests whose callers are still there, and every later one at once.
    public void Answer() => _answering.TrySetResult();

    long _delayTicks;

    /// From now on each request is answered this long after it arrived: a slow provider, with every
    /// send in flight for a while and then done.
    public void Slow(TimeSpan delay) => Interlocked.Exchange(ref _delayTicks, delay.Ticks);

    /// Waits while the sink holds its answers; a caller that goes away ends the wait (the request
    /// stays recorded: the provider got it).
    async Task HeldAsync(HttpContext context)
    {
        if (Interlocked.Read(ref _delayTicks) is > 0 and var delay)
        {
            await Task.Delay(TimeSpan.FromTicks(delay), context.RequestAborted);
        }
        await _answering.Task.WaitAsync(context.RequestAborted);
    }

    static string? First(Dictionary<string, IReadOnlyList<string>> fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    int? Scripted(string? address) =>
        address is not null && _scripts.TryGetValue(address, out var queue) && queue.TryDequeue(out var status) ? status : null;

    async Task TwilioAsync(HttpContext context, string sid, string resource)
    {
        var kind = resource switch
        {
            "Messages.json" => "Messages",
            "Calls.json" => "Calls",
            _ => null,
        };
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Select(v => v ?? "")], StringComparer.Ordinal);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AccountSid + ":" + AuthToken));
        var authentic = sid == AccountSid && context.Request.Headers.Authorization.ToString() == expected;

        int status;
        string? messageSid = null;
        string body;
        if (kind is null)
        {
            (status, body) = (404, """{"code":20404,"message":"The requested resource was not found","status":404}""");
        }
        else if (!authentic)
        {
            (status, body) = (401, """{"code":20003,"message":"Authenticate","status":401}""");
        }
        else if (Scripted(First(fields, "To")) is { } scripted)
        {
            // Twilio's 21211 message quotes the number, as the real one does.
            var message = scripted == 400 ? $"The 'To' number {First(fields, "To")} is not a valid phone number." : "Refused by the test";
            (status, body) = (scripted, $$"""{"code":{{(scripted == 400 ? 21211 : 20500)}},"message":"{{message}}","status":{{scripted}}}""");
        }
        else
        {
            messageSid = (kind == "Messages" ? "SM" : "CA") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            (status, body) = (201, $$"""{"sid":"{{messageSid}}","status":"queued","account_sid":"{{AccountSid}}"}""");
        }
        _requests.Enqueue(new ProviderRequest(kind ?? resource, fields, Headers(context.Request), authentic, status, messageSid));
        await HeldAsync(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    async Task WebhookAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        var authentic = StandardWebhooks.HasSignature(WebhookSecret, context.Request.Headers["webhook-id"].ToString(), timestamp,
                context.Request.Headers["webhook-signature"].ToString(), raw)
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)) <= StandardWebhooks.Tolerance.TotalSeconds;

        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(raw);
            foreach (var member in doc.RootElement.EnumerateObject())
            {
                fields[member.Name] = [member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : member.Value.GetRawText()];
            }
        }
        catch (JsonException)
        {
            authentic = false;
        }

        int status;
        string? id = null;
        if (!authentic)
        {
            status = 401;
        }
        else if (Scripted(First(fields, "address")) is { } scripted)
        {
            status = scripted;
        }
        else
        {
            status = 200;
            id = "wh-" + Guid.NewGuid().ToString("N");
        }
        _requests.Enqueue(new ProviderRequest("Webhook", fields, Headers(context.Request), authentic, status, id) { RawBody = raw });
        await HeldAsync(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(id is null ? "{}" : $$"""{"id":"{{id}}"}""");
    }

    static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);

    /// Callout's deprecated webhook signature: `sha256=` and the hex HMAC-SHA256 of the raw body.
    public static string SignLegacy(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(StandardWebhooks.Key(secret), body));

    public async ValueTask DisposeAsync()
    {
        Answer();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
