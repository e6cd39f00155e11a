using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Fuzz;

/// A compact botocore model (spec/ssm-contacts/model.json, spec/ssm-incidents/model.json), read
/// once: operations, their input shapes, HTTP bindings and modeled errors, and the shapes themselves.
sealed class ServiceModel
{
    static readonly Lazy<ServiceModel> Loaded = new(() => new ServiceModel(File.ReadAllBytes(Paths.ModelPath)));

    static readonly Lazy<ServiceModel> LoadedIncidents = new(() => new ServiceModel(File.ReadAllBytes(Paths.IncidentsModelPath)));

    ServiceModel(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        Root = document.RootElement.Clone();
        Operations = [.. Root.GetProperty("operations").EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal)];
    }

    /// ssm-contacts (JSON 1.1).
    public static ServiceModel Shared => Loaded.Value;

    /// ssm-incidents (rest-json).
    public static ServiceModel Incidents => LoadedIncidents.Value;

    JsonElement Root { get; }

    public IReadOnlyList<string> Operations { get; }

    public string InputShape(string operation) =>
        Root.GetProperty("operations").GetProperty(operation).GetProperty("input").GetProperty("shape").GetString()!;

    public IReadOnlySet<string> Errors(string operation) =>
        Root.GetProperty("operations").GetProperty(operation).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("shape").GetString()!).ToHashSet(StringComparer.Ordinal);

    /// The operation's method, path template (`/tags/{resourceArn}`) and success status (rest-json).
    public (string Method, string RequestUri, int ResponseCode) Http(string operation)
    {
        var http = Root.GetProperty("operations").GetProperty(operation).GetProperty("http");
        return (http.GetProperty("method").GetString()!, http.GetProperty("requestUri").GetString()!,
            http.TryGetProperty("responseCode", out var code) ? code.GetInt32() : 200);
    }

    /// The input members bound outside the body: `uri` (a path label) or `querystring`.
    public IReadOnlyList<(string Member, string Location, string Name, string Shape, bool Required)> LocatedMembers(string operation)
    {
        var input = Shape(InputShape(operation));
        var required = Required(input);
        return [.. input.GetProperty("members").EnumerateObject()
            .Where(m => m.Value.TryGetProperty("location", out _))
            .Select(m => (m.Name, m.Value.GetProperty("location").GetString()!,
                m.Value.TryGetProperty("locationName", out var n) ? n.GetString()! : m.Name,
                m.Value.GetProperty("shape").GetString()!, required.Contains(m.Name)))];
    }

    public JsonElement Shape(string name) => Root.GetProperty("shapes").GetProperty(name);

    public static IReadOnlySet<string> Required(JsonElement shape) =>
        shape.TryGetProperty("required", out var r)
            ? r.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<string> Enum(string shape) =>
        Shape(shape).TryGetProperty("enum", out var e) ? [.. e.EnumerateArray().Select(v => v.GetString()!)] : [];
}
