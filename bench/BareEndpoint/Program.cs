using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// Usage: BareEndpoint BODY_FILE [--urls URL]
// Answers every POST with the bytes of BODY_FILE as Callout frames a result (content type and a
// request id header), and nothing else: no body parsing, no auth, no store, no logging.
// GET /_bench/allocated answers GC.GetTotalAllocatedBytes(), so bench/wrk can compare allocations
// per request with Callout's /metrics.
if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--urls"))
{
    Console.Error.WriteLine("usage: BareEndpoint BODY_FILE [--urls URL]");
    return 2;
}
var body = await File.ReadAllBytesAsync(args[0]);
var urls = args.Length == 3 ? args[2] : "http://127.0.0.1:0";

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(urls);
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
builder.Logging.ClearProviders();

var app = builder.Build();
app.Run(async context =>
{
    if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/_bench/allocated")
    {
        await context.Response.WriteAsync(GC.GetTotalAllocatedBytes().ToString(CultureInfo.InvariantCulture));
        return;
    }
    if (!HttpMethods.IsPost(context.Request.Method))
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return;
    }
    context.Response.ContentType = "application/x-amz-json-1.1";
    context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body, context.RequestAborted);
});

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        // bench/lib.sh reads this line to find the port when started with port 0.
        Console.WriteLine($"BareEndpoint listening on {address}");
    }
});

await app.RunAsync();
return 0;
