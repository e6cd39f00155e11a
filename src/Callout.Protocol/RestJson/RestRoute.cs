namespace Callout.Protocol.RestJson;

/// A request-URI template (`/tags/{resourceArn}`) split into segments. A `{label}` matches one
/// non-empty segment; a greedy `{label+}` matches the rest of the path, slashes included.
public sealed class RestRoute
{
    readonly string[] segments;

    RestRoute(string[] segments) => this.segments = segments;

    public static RestRoute Parse(string template)
    {
        var path = template.Split('?', 2)[0];
        return new RestRoute(path.Trim('/').Split('/'));
    }

    /// The labels of `path` (segments already percent-decoded), or null when it does not match.
    public IReadOnlyDictionary<string, string>? Match(IReadOnlyList<string> path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s.StartsWith('{') && s.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= path.Count)
                {
                    return null;
                }
                var rest = string.Join('/', path.Skip(i));
                if (rest.Length == 0)
                {
                    return null;
                }
                labels[s[1..^2]] = rest;
                return labels;
            }
            if (i >= path.Count)
            {
                return null;
            }
            if (s.StartsWith('{') && s.EndsWith('}'))
            {
                if (path[i].Length == 0)
                {
                    return null;
                }
                labels[s[1..^1]] = path[i];
            }
            else if (!string.Equals(s, path[i], StringComparison.Ordinal))
            {
                return null;
            }
        }
        return path.Count == segments.Length ? labels : null;
    }
}
