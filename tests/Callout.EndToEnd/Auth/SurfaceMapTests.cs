using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Auth;

/// Every route the running server maps, requested without a signature under `--auth strict`: only
/// those with a proof of their own (or none needed) may answer, so an endpoint added later is
/// closed unless someone puts it in Admin/Surfaces.cs and here. The routes come from the server
/// itself: at Debug level it logs one `Surface {Methods} {Route}: {Protection}` line per route.
public sealed partial class SurfaceMapTests : IAsyncLifetime
{
    /// What answers an unsigned request, each for its own reason (docs/security.md, "Surfaces").
    static readonly HashSet<string> Open =
    [
        "GET /health", "GET /health/live",
        "GET /metrics", // the server listens on loopback only, so /metrics is open by default
        "GET /_callout/ack/{token}", "POST /_callout/ack/{token}",
        "POST /_callout/voice/{token}", "POST /_callout/twilio/sms", "POST /_callout/twilio/status", "POST /_callout/webhook/ack",
        "GET /_callout/feeds/{token}/calendar.ics", "GET /_callout/rotations/{rotationId}/calendar.ics",
        "POST /_callout/alerts/alertmanager/{key}", "POST /_callout/alerts/alertmanager",
        "POST /_callout/alerts/grafana/{key}", "PUT /_callout/alerts/grafana/{key}", "POST /_callout/alerts/grafana", "PUT /_callout/alerts/grafana",
        "POST /_callout/alerts/generic/{key}", "POST /_callout/alerts/generic", "POST /v2/enqueue",
        "POST /_callout/alerts/sns/{key}",
    ];

    /// The console's public parts: its assets (a stylesheet and a script), its sign-in page, the
    /// sign-out button's page, the 403 page and single sign-on's landing page (which only moves
    /// on to the console). Page routes are matched without regard to case, as they are served.
    static readonly HashSet<string> ConsoleOpen = new(
        ["GET /console/assets/{name}", "GET /console/sign-in", "POST /console/sign-in", "GET /console/sign-out", "GET /console/denied", "GET /console/signed-in"],
        StringComparer.OrdinalIgnoreCase);

    /// Routes that must be among those the server reports, so an empty or broken log cannot pass.
    static readonly string[] Known = ["GET /_callout/outbox", "GET /_callout/clock", "POST /_callout/clock/advance", "GET /console", "GET /console/assets/{name}", .. Open];

    ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(
        extraArgs: ["--auth", "strict", "--clock", "virtual", "--credentials", "AKIASURFACEMAP:c2VjcmV0:303030303030"],
        environment: new Dictionary<string, string> { ["CALLOUT_LOG_LEVEL"] = "Debug" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task only_routes_with_a_proof_of_their_own_answer_an_unsigned_request()
    {
        var routes = await RoutesAsync();
        Assert.Superset(Known.ToHashSet(), routes.ToHashSet());

        var unsigned = new SignedHttp(_server.Endpoint, null);
        var open = new List<string>();
        foreach (var route in routes)
        {
            var (method, pattern) = (route.Split(' ')[0], route.Split(' ')[1]);
            var path = pattern.Replace("{token}", "not-a-token", StringComparison.Ordinal)
                .Replace("{key}", "not-a-key", StringComparison.Ordinal)
                .Replace("{rotationId}", Guid.NewGuid().ToString(), StringComparison.Ordinal).TrimStart('/');
            var answer = await unsigned.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" ? "{}" : null);
            if (pattern.StartsWith("/console", StringComparison.Ordinal))
            {
                // The console's own proof is its sign-in: a page sends the browser there, and a
                // form's post without the sign-in's antiforgery token is refused.
                Assert.True(ConsoleOpen.Contains(route) || answer.Status is 302 or 400,
                    $"{route}: HTTP {answer.Status}, expected the sign-in redirect");
                if (answer.Status == 302)
                {
                    Assert.Equal("/console/sign-in", new Uri(_server.Endpoint, answer.Location).AbsolutePath);
                }
                continue;
            }
            if (answer.ErrorType == "MissingAuthenticationTokenException")
            {
                Assert.Equal(400, answer.Status);
                Assert.Equal("MissingAuthenticationTokenException", answer.Json.GetProperty("__type").GetString());
            }
            else
            {
                Assert.True(answer.Status < 500, $"{route}: HTTP {answer.Status} {answer.Text}");
                open.Add(route);
            }
        }

        Assert.Equal(Open.Order(StringComparer.Ordinal), open.Order(StringComparer.Ordinal));
    }

    /// "METHOD /pattern" for each method of each route the server logged; "*" (any method) as GET.
    async Task<IReadOnlyList<string>> RoutesAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!CountLine().IsMatch(_server.Output))
        {
            await Task.Delay(50, timeout.Token);
        }
        var routes = SurfaceLine().Matches(_server.Output)
            .SelectMany(m => m.Groups["methods"].Value.Split(',').Select(verb => (verb == "*" ? "GET" : verb) + " " + m.Groups["route"].Value))
            .ToList();
        Assert.Equal(int.Parse(CountLine().Match(_server.Output).Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture),
            SurfaceLine().Count(_server.Output));
        return routes;
    }

    [GeneratedRegex(@"Surface (?<methods>\S+) (?<route>/\S*): ")]
    private static partial Regex SurfaceLine();

    [GeneratedRegex(@"Surfaces: (?<count>[0-9]+) routes")]
    private static partial Regex CountLine();
}
