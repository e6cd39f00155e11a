using System.Diagnostics;
using System.Globalization;

namespace Callout.Server.WebConsole;

/// `Server-Timing: render;dur=MS` on every console page: how long the server took from the request
/// to the first byte of its answer, which a browser's developer tools show and bench/console reads.
sealed class ConsoleTiming(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (ConsoleRoutes.Owns(http.Request.Path))
        {
            var started = Stopwatch.GetTimestamp();
            http.Response.OnStarting(() =>
            {
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                http.Response.Headers["Server-Timing"] = "render;dur=" + ms.ToString("0.0", CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
        }
        return next(http);
    }
}
