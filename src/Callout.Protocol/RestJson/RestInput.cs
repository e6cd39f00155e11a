using System.Text.Json;

namespace Callout.Protocol.RestJson;

/// A rest-json request as the generated readers see it: the JSON body and the values bound by the
/// model's `location` (path labels already percent-decoded, query values by key, headers by name).
public sealed class RestInput(
    JsonElement body,
    IReadOnlyDictionary<string, string> labels,
    IReadOnlyDictionary<string, IReadOnlyList<string>> query,
    Func<string, IReadOnlyList<string>?> header)
{
    public const int Path = 0;
    public const int Query = 1;
    public const int Header = 2;

    public JsonElement Body { get; } = body;

    /// Null when the request does not carry the member at all.
    public IReadOnlyList<string>? Values(int location, string name) => location switch
    {
        Path => labels.TryGetValue(name, out var label) ? [label] : null,
        Query => query.TryGetValue(name, out var values) ? values : null,
        Header => header(name),
        _ => throw new ArgumentOutOfRangeException(nameof(location), location, null),
    };
}
