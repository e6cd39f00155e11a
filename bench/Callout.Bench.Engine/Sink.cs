using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Callout.Bench.Engine;

/// The no-op webhook provider: Kestrel answering 200 {} to every POST, the way a provider that
/// takes a message and does nothing else would. What each POST was is left to SinkState; the GET
/// paths under /_bench/ hand the driver what it saw.
static class Sink
{
    static readonly byte[] Accepted = "{}"u8.ToArray();

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var state = new SinkState(options.Secret);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();

        var app = builder.Build();
        app.Run(async context =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method))
            {
                // Taken before the body is read: the headers of the send have arrived.
                var arrived = DateTime.UtcNow.Ticks;
                using var body = new MemoryStream(request.ContentLength is long n and < 65_536 ? (int)n : 1024);
                await request.Body.CopyToAsync(body, context.RequestAborted);
                state.Accept(
                    request.Headers["X-Callout-Idempotency-Key"].ToString(),
                    request.Headers["X-Callout-Signature"].ToString(),
                    body.GetBuffer().AsSpan(0, (int)body.Length),
                    arrived);
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = Accepted.Length;
                await context.Response.Body.WriteAsync(Accepted, context.RequestAborted);
                return;
            }
            var text = request.Path.Value switch
            {
                "/_bench/state" => state.Summary(),
                "/_bench/activations" => state.ActivationCodes(),
                "/_bench/pages" => state.Pages(),
                _ => null,
            };
            if (text is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
        });

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                // bench/lib.sh (bench_wait_url) reads this line to find the port when started with port 0.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine sink listening on {address}"));
            }
        });

        await app.RunAsync();
        return 0;
    }
}
