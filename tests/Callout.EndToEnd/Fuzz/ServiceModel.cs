using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Fuzz;

/// The compact botocore model (spec/ssm-contacts/model.json), read once: operations, their input
/// shapes and modeled errors, and the shapes themselves.
sealed class ServiceModel
{
    static readonly Lazy<ServiceModel> Loaded = new(() => new ServiceModel(File.ReadAllBytes(Paths.ModelPath)));

    ServiceModel(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        Root = document.RootElement.Clone();
        Operations = [.. Root.GetProperty("operations").EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal)];
    }

    public static ServiceModel Shared => Loaded.Value;

    JsonElement Root { get; }

    public IReadOnlyList<string> Operations { get; }

    public string InputShape(string operation) =>
        Root.GetProperty("operations").GetProperty(operation).GetProperty("input").GetProperty("shape").GetString()!;

    public IReadOnlySet<string> Errors(string operation) =>
        Root.GetProperty("operations").GetProperty(operation).GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("shape").GetString()!).ToHashSet(StringComparer.Ordinal);

    public JsonElement Shape(string name) => Root.GetProperty("shapes").GetProperty(name);

    public IReadOnlyList<string> Enum(string shape) =>
        Shape(shape).TryGetProperty("enum", out var e) ? [.. e.EnumerateArray().Select(v => v.GetString()!)] : [];
}
