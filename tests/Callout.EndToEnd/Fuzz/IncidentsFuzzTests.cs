using System.Text;
using Callout.EndToEnd.Harness;
using Callout.EndToEnd.Incidents;
using Xunit.Abstractions;

namespace Callout.EndToEnd.Fuzz;

/// Model-driven fuzzing of every SSM Incidents operation (rest-json) and of the framing around
/// them, over one shared server: path labels, query members and body members made from the model
/// and mutated. Whatever arrives, no 5xx, and the answer is framed as docs/spec/incidents.md §1
/// says. Seeds as in ModelFuzzTests (CALLOUT_FUZZ_SEED, CALLOUT_FUZZ_SCALE).
public sealed class IncidentsFuzzTests(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);

    static readonly ServiceModel Model = ServiceModel.Incidents;

    static readonly int RequestsPerOperation = 60 * ModelFuzzTests.Scale;

    static readonly int FramingRequests = 400 * ModelFuzzTests.Scale;

    const int MaxReported = 8;

    static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO", "post", "get"];

    static readonly string[] ContentTypes =
    [
        "application/json", "application/x-amz-json-1.1", "application/json; charset=utf-16", "text/plain",
        "application/octet-stream", "multipart/form-data; boundary=zz", "application/x-www-form-urlencoded", "x/y", "",
    ];

    public static TheoryData<string> Operations => new(Model.Operations);

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task fuzzed_incidents_requests_never_break_the_server(string operation)
    {
        var seed = ModelFuzzTests.BaseSeed ^ ModelFuzzTests.StableHash("ssm-incidents." + operation);
        var (client, generator) = await AccountAsync(new Random(seed), invalidText: false);
        var (_, _, success) = Model.Http(operation);
        var failures = new List<string>();
        for (var i = 0; i < RequestsPerOperation; i++)
        {
            var request = generator.NextRest(operation);
            await CheckAsync(client, request, "application/json", target: null, Allowed(operation, request), success, $"{operation} #{i}", failures);
        }
        await AssertHealthyAsync(client, failures, $"{operation}, seed {seed}, base seed {ModelFuzzTests.BaseSeed}");
    }

    [Fact]
    public async Task fuzzed_incidents_requests_with_lone_surrogates_or_invalid_utf8_never_break_the_server()
    {
        var rng = new Random(ModelFuzzTests.BaseSeed ^ 0x1DC1);
        var (client, generator) = await AccountAsync(rng, invalidText: true);
        var failures = new List<string>();
        foreach (var operation in Model.Operations)
        {
            var (_, _, success) = Model.Http(operation);
            for (var i = 0; i < RequestsPerOperation / 4; i++)
            {
                var request = generator.NextRest(operation);
                await CheckAsync(client, request, "application/json", target: null, Allowed(operation, request), success, $"{operation} #{i}", failures);
            }
        }
        await AssertHealthyAsync(client, failures, $"invalid text, base seed {ModelFuzzTests.BaseSeed}");
    }

    [Fact]
    public async Task fuzzed_incidents_framing_never_breaks_the_server()
    {
        var seed = ModelFuzzTests.BaseSeed ^ 0x1DF0;
        var rng = new Random(seed);
        var (client, generator) = await AccountAsync(rng, invalidText: false);
        var failures = new List<string>();
        for (var i = 0; i < FramingRequests; i++)
        {
            var operation = Model.Operations[rng.Next(Model.Operations.Count)];
            var request = generator.NextRest(operation);
            var method = rng.Next(3) == 0 ? Methods[rng.Next(Methods.Length)] : request.Method;
            var path = rng.Next(3) == 0 ? MutatePath(rng, request.PathAndQuery) : request.PathAndQuery;
            var contentType = rng.Next(3) == 0 ? ContentTypes[rng.Next(ContentTypes.Length)] : "application/json";
            // A target sends the request to the JSON 1.1 side, whatever its path.
            var target = rng.Next(10) == 0 ? (rng.Next(2) == 0 ? "SSMContacts.ListContacts" : "SSMIncidents." + operation) : null;
            var body = rng.Next(100) == 0 ? ("huge body", Encoding.UTF8.GetBytes("{\"x\":\"" + new string('x', 5 * 1024 * 1024) + "\"}")) : (request.Kind, request.Body);
            var routed = request.Routed && method == request.Method && path == request.PathAndQuery && target is null;
            await CheckAsync(client, new RestRequest(body.Item1, method, path, body.Item2), contentType, target,
                routed ? Model.Errors(operation) : null, routed ? Model.Http(operation).ResponseCode : null,
                $"#{i} {operation} as {method} {Truncate(path)} content-type '{contentType}' target '{target}'", failures);
        }
        await AssertHealthyAsync(client, failures, $"framing, seed {seed}, base seed {ModelFuzzTests.BaseSeed}");
    }

    /// A request whose path no route claims is the JSON 1.1 side's, which answers that it names no
    /// operation.
    static IReadOnlySet<string> Allowed(string operation, RestRequest request) =>
        request.Routed ? Model.Errors(operation) : Model.Errors(operation).Append("UnknownOperationException").ToHashSet(StringComparer.Ordinal);

    /// Kestrel refuses a request line past its 8 KiB limit before any middleware runs, with an
    /// empty 414, as it refuses an encoded NUL (docs/decisions.md, "Request lines over Kestrel's
    /// limit"). This pins that answer; the fuzzer keeps its lines within the limit.
    [Fact]
    public async Task a_request_line_over_kestrels_limit_is_refused_with_an_empty_414_and_the_server_goes_on()
    {
        var client = new IncidentsClient(fixture.Server.Endpoint, fixture.NewClient().Account);

        var response = await client.SendAsync("GET", "/getResponsePlan?arn=" + new string('a', 9_000));

        Assert.Equal(414, response.Status);
        Assert.Empty(response.Body);
        Assert.Null(response.ErrorType);
        Assert.Equal(200, (await client.PostAsync("/listResponsePlans", "{}")).Status);
    }

    static string MutatePath(Random rng, string pathAndQuery)
    {
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = split < 0 ? (pathAndQuery, "") : (pathAndQuery[..split], pathAndQuery[split..]);
        path = rng.Next(8) switch
        {
            0 => path + "/",
            1 => path + "//x",
            2 => path.ToUpperInvariant(),
            3 => path + "/extra",
            4 => "/fuzz" + path,
            5 => path.Replace("/", "/%2F", StringComparison.Ordinal),
            6 => "/tags",
            _ => path + "/%2e%2e",
        };
        return path + query;
    }

    /// A fresh account with a contact and the incident data valid requests name.
    async Task<(IncidentsClient Client, RequestGenerator Generator)> AccountAsync(Random rng, bool invalidText)
    {
        Assert.False(fixture.Server.HasExited, "the shared server exited during an earlier fuzz test\n" + ServerLogTail());
        var contactsClient = fixture.NewClient();
        var contacts = await FuzzResources.CreateAsync(contactsClient);
        var client = new IncidentsClient(fixture.Server.Endpoint, contactsClient.Account);
        var incidents = await IncidentFuzzResources.CreateAsync(client, contacts);
        return (client, new RequestGenerator(Model, rng, contacts, invalidText) { Incidents = incidents });
    }

    async Task CheckAsync(IncidentsClient client, RestRequest request, string contentType, string? target,
        IReadOnlySet<string>? allowed, int? success, string label, List<string> failures)
    {
        string? problem;
        IncidentsResponse? response = null;
        try
        {
            response = await client.SendAsync(request.Method, request.PathAndQuery, request.Body, contentType, target);
            problem = RestResponseInvariants.Problem(response, allowed, success, hasBody: !request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase));
            var outcome = response.Status < 400 ? response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{response.Status} {response.ErrorType}";
            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            problem = $"connection failed: {e.GetType().Name}: {e.Message}" + (fixture.Server.HasExited ? " (server process exited)\n" + ServerLogTail() : "");
        }
        if (problem is not null)
        {
            failures.Add($"{label} ({request.Kind}): {problem}\n    request: {request.Method} {Truncate(request.PathAndQuery)} {ModelFuzzTests.Show(request.Body ?? [])}"
                + $"\n    response: {response?.Status} {ModelFuzzTests.Show(response?.Body ?? [])}");
        }
    }

    static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} characters)";

    string ServerLogTail()
    {
        var log = fixture.Server.Output;
        return "server log tail:\n" + (log.Length > 4000 ? log[^4000..] : log);
    }

    async Task AssertHealthyAsync(IncidentsClient client, List<string> failures, string context)
    {
        output.WriteLine($"{context}: " + string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} x{o.Value}")));
        var after = await client.PostAsync("/listResponsePlans", "{}");
        if (after.Status != 200 || !after.Json.TryGetProperty("responsePlanSummaries", out _))
        {
            failures.Add($"after fuzzing, ListResponsePlans answered {after.Status}: {after.Text}");
        }
        Assert.True(failures.Count == 0,
            $"{failures.Count} fuzz failure(s) ({context}; rerun with CALLOUT_FUZZ_SEED=<base seed>):\n"
            + string.Join("\n", failures.Take(MaxReported)));
    }
}
