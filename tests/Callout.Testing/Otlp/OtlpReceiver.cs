using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Callout.Testing.Otlp;

/// A real OTLP/HTTP trace receiver on a loopback port, as a collector would be: it takes
/// `POST /v1/traces` with a protobuf ExportTraceServiceRequest (gzip or not), answers with an empty
/// ExportTraceServiceResponse, and keeps every span it decoded. Every request it saw is counted,
/// whatever its path, so a test can tell that nothing tried to export at all.
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string TracesPath = "/v1/traces";

    readonly WebApplication _app;
    readonly ConcurrentQueue<OtlpSpan> _spans = new();
    int _requests;
    int _malformed;

    OtlpReceiver(WebApplication app) => _app = app;

    /// The base URL to give OTEL_EXPORTER_OTLP_ENDPOINT (no path: the exporter adds /v1/traces).
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    /// Requests of any kind that reached the receiver.
    public int Requests => Volatile.Read(ref _requests);

    /// Export requests whose body was not a valid ExportTraceServiceRequest.
    public int Malformed => Volatile.Read(ref _malformed);

    /// `url` defaults to a free loopback port.
    public static async Task<OtlpReceiver> StartAsync(string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    async Task ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != TracesPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!(context.Request.ContentType ?? "").StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        using var body = new MemoryStream();
        var source = string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        await source.CopyToAsync(body, context.RequestAborted);
        IReadOnlyList<OtlpSpan> spans;
        try
        {
            spans = OtlpTraceDecoder.Decode(body.ToArray());
        }
        catch (InvalidDataException)
        {
            Interlocked.Increment(ref _malformed);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        foreach (var span in spans)
        {
            _spans.Enqueue(span);
        }
        // An empty ExportTraceServiceResponse: every span accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength = 0;
    }

    /// Waits until the spans received satisfy `done`, up to `timeout` (default 20 s), and returns them.
    public async Task<IReadOnlyList<OtlpSpan>> WaitForAsync(Func<IReadOnlyList<OtlpSpan>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var spans = Spans;
            if (done(spans))
            {
                return spans;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The OTLP receiver did not get the expected spans; it got:\n" + string.Join("\n", spans));
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
