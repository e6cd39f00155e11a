using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;
using Callout.EndToEnd.Incidents;

namespace Callout.EndToEnd.Alerts;

/// One account with a plan engaging one person, and the alert sources made for it through
/// Callout's signed calls; alerts are posted to the real server over loopback as the senders
/// post them: no signature, only the source's key.
public sealed class AlertWorld(IncidentWorld incidents)
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public IncidentWorld Incidents => incidents;

    public Paging Paging => incidents.Paging;

    public ApiClient Client => incidents.Paging.Client;

    public Person Person { get; private set; } = null!;

    public string PlanArn { get; private set; } = null!;

    /// A world whose plan (no dedupe string: the alert's key dedupes) engages one person.
    public static async Task<AlertWorld> NewAsync(VirtualClockFixture fixture, string plan = "web")
    {
        var world = new AlertWorld(IncidentWorld.New(fixture));
        world.Person = await world.Paging.PersonWithPlanAsync("akuam");
        world.PlanArn = await world.Incidents.PlanAsync(plan, null, world.Person.Arn);
        return world;
    }

    public Task<ApiResponse> CalloutAsync(string operation, string json) =>
        Client.SendAsync("Callout." + operation, Encoding.UTF8.GetBytes(json));

    public async Task<JsonElement> CalloutOkAsync(string operation, string json)
    {
        var response = await CalloutAsync(operation, json);
        Assert.True(response.Status == 200, $"Callout.{operation} failed with {response.Status}: {response.Text}");
        return response.Json;
    }

    /// A new source of the format for the world's plan: its answer (Key, Url, BearerUrl, …).
    public async Task<JsonElement> SourceAsync(string format, string extra = "") => await CalloutOkAsync("CreateAlertSource",
        $$"""{"Name":"{{format.ToLowerInvariant()}}","Format":"{{format}}","ResponsePlanArn":"{{PlanArn}}"{{extra}}}""");

    public static async Task<AlertAnswer> PostAsync(Uri url, string body, string? bearer = null, IDictionary<string, string>? headers = null,
        string method = "POST")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await Http.SendAsync(request);
        return new AlertAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.WwwAuthenticate.ToString());
    }

    public static Task<AlertAnswer> PostAsync(JsonElement source, string body) => PostAsync(UrlOf(source), body);

    public static Uri UrlOf(JsonElement source) => new(source.GetProperty("Url").GetString()!);

    public static string KeyOf(JsonElement source) => source.GetProperty("Key").GetString()!;

    /// The account's incidents, newest first.
    public async Task<List<JsonElement>> IncidentListAsync()
    {
        var listed = await Incidents.Incidents.PostAsync("/listIncidentRecords", "{}");
        Assert.True(listed.Status == 200, listed.Text);
        return listed.Json.GetProperty("incidentRecordSummaries").EnumerateArray().ToList();
    }

    public async Task<IReadOnlyList<Sent>> PagesAsync() =>
        (await Paging.SentAsync()).Where(s => Person.Channels.Any(c => c.Address == s.Address)).ToList();
}

public sealed record AlertAnswer(int Status, string Text, string WwwAuthenticate)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public string? Message => Json.TryGetProperty("message", out var m) ? m.GetString() : null;
}
