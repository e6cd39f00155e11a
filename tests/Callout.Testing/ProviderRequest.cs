namespace Callout.Testing;

/// One request Callout made to the provider sink, and how the sink answered. For Twilio the fields
/// are the form's (To, From, Body, Url, StatusCallback, …); for the webhook, the JSON members.
public sealed record ProviderRequest(
    string Kind,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fields,
    IReadOnlyDictionary<string, string> Headers,
    bool Authentic,
    int Status,
    string? Sid)
{
    /// The body exactly as posted (webhook posts only), for checking signatures over it.
    public byte[] RawBody { get; init; } = [];

    public string? this[string name] => Fields.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
