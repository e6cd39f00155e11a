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

/// A real OTLP trace receiver on a loopback port, as a collector would be: over HTTP it takes
/// `POST /v1/traces` with a protobuf ExportTraceServiceRequest (gzip or not) and answers with an
/// empty ExportTraceServiceResponse; started for gRPC it serves TraceService/Export over HTTP/2
/// without TLS, as a collector's port 4317 does. It keeps every span it decoded, and counts every
/// request it saw whatever its path, so a test can tell that nothing tried to export at all.
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string TracesPath = "/v1/traces";
    public const string GrpcExportPath = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

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
    public static Task<OtlpReceiver> StartAsync(string url = "http://127.0.0.1:0") => StartAsync(url, grpc: false);

    /// A gRPC receiver (OTEL_EXPORTER_OTLP_PROTOCOL=grpc) on a free loopback port.
    public static Task<OtlpReceiver> StartGrpcAsync() => StartAsync("http://127.0.0.1:0", grpc: true);

    static async Task<OtlpReceiver> StartAsync(string url, bool grpc)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        if (grpc)
        {
            // gRPC without TLS is HTTP/2 from the first byte (prior knowledge).
            builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        }
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Run(grpc ? receiver.ReceiveGrpcAsync : receiver.ReceiveAsync);
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

    /// One unary gRPC call: a length-prefixed message (a compressed flag byte, a big-endian length)
    /// in, an empty ExportTraceServiceResponse and grpc-status 0 out (gRPC over HTTP/2's framing).
    async Task ReceiveGrpcAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != GrpcExportPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        context.Response.ContentType = "application/grpc";
        if (bytes.Length < 5 || bytes[0] != 0 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)) != bytes.Length - 5)
        {
            Interlocked.Increment(ref _malformed);
            context.Response.AppendTrailer("grpc-status", "3");
            return;
        }
        try
        {
            foreach (var span in OtlpTraceDecoder.Decode(bytes.AsMemory(5)))
            {
                _spans.Enqueue(span);
            }
        }
        catch (InvalidDataException)
        {
            Interlocked.Increment(ref _malformed);
            context.Response.AppendTrailer("grpc-status", "3");
            return;
        }
        await context.Response.Body.WriteAsync(new byte[5], context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", "0");
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
