namespace Callout.Protocol.RestJson;

/// Finds the operation a method and raw path name. The raw path is split before decoding, so a
/// label holding `%2F` (an ARN in `/tags/{resourceArn}`) stays one segment; ASP.NET Core would
/// leave `%2F` encoded but decode the rest, so the router decodes segments itself.
public sealed class RestRouter(IEnumerable<RestOperation> operations)
{
    readonly RestOperation[] operations = operations.ToArray();

    public RestMatch? Match(string method, string rawPath)
    {
        var path = Segments(rawPath);
        if (path is null)
        {
            return null;
        }
        foreach (var op in operations)
        {
            if (!string.Equals(op.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (op.Route.Match(path) is { } labels)
            {
                return new RestMatch(op, labels);
            }
        }
        return null;
    }

    /// The decoded segments of a raw path (query removed), or null for text that is not a path.
    public static IReadOnlyList<string>? Segments(string rawPath)
    {
        var path = rawPath.Split('?', 2)[0];
        if (!path.StartsWith('/'))
        {
            return null;
        }
        var parts = path[1..].Split('/');
        var decoded = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            decoded[i] = Uri.UnescapeDataString(parts[i]);
        }
        return decoded;
    }
}

public sealed record RestMatch(RestOperation Operation, IReadOnlyDictionary<string, string> Labels);
