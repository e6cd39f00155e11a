namespace Callout.Protocol.RestJson;

/// Query-string values by key, in order, percent-decoded. A key given twice keeps both values
/// (`tagKeys=a&tagKeys=b` is a list); `+` is a literal plus, as in SigV4's canonical query.
public static class RestQuery
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Parse(string? query)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(query))
        {
            foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                if (!values.TryGetValue(key, out var list))
                {
                    values[key] = list = [];
                }
                list.Add(value);
            }
        }
        return values.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
