using System.Globalization;
using System.Text;

namespace Callout.EndToEnd.Fuzz;

/// One rest-json request as sent: method, raw path and query, body. Routed is false when a path
/// label was left empty or broke into more segments, so no rest-json route claims the request and
/// the JSON 1.1 side answers it.
sealed record RestRequest(string Kind, string Method, string PathAndQuery, byte[]? Body, bool Routed = true);

/// rest-json requests (ssm-incidents): the body from the input shape's body members as for JSON
/// 1.1, and the path labels and query members made and mutated apart: missing, empty, repeated,
/// oversized, badly percent-encoded, or values of the wrong kind (in a URL everything is text).
sealed partial class RequestGenerator
{
    static readonly string[] BadPairs = ["=", "&", "==", "%", "%G0=1", "a=%", "%00=%00", "x=%FF%FE"];

    static readonly string[] BadLabels = ["%", "%ZZ", "%C3%28", "%FF%FE", "%E2%82", "%ED%A0%80", "%2F", "%2F%2F", "..", "."];

    static readonly string[] OtherKinds = ["7", "true", "[]", "{}", "null", "-1", "1e400"];

    /// Past every modeled string length (the longest, an ARN, is 1,000), and short enough that
    /// Kestrel's 8 KiB request line holds a path and query of two such: a longer line gets Kestrel's empty 414
    /// (a_request_line_over_kestrels_limit_is_refused_with_an_empty_414_and_the_server_goes_on).
    const int MaxValueLength = 3_000;

    public RestRequest NextRest(string operation)
    {
        var (method, uri, _) = model.Http(operation);
        var roll = rng.NextDouble();
        string kind;
        byte[]? body;
        if (roll < 0.1)
        {
            (kind, body) = WholeBody();
        }
        else
        {
            _mutation = roll < 0.35 ? 0 : 0.02 + (rng.NextDouble() * 0.2);
            kind = _mutation == 0 ? "valid" : "mutated p=" + _mutation.ToString("0.00", CultureInfo.InvariantCulture);
            var sb = new StringBuilder();
            Structure(model.InputShape(operation), sb, 0);
            // A GET carries no body from an SDK; one now and then must be ignored or refused.
            body = method == "GET" && rng.Next(10) > 0 ? null : Encode(sb.ToString());
        }

        var path = uri;
        var routed = true;
        var query = new List<string>();
        foreach (var (member, location, name, shape, required) in model.LocatedMembers(operation))
        {
            var keep = required ? rng.NextDouble() >= _mutation : rng.Next(2) == 0;
            if (location == "uri")
            {
                var label = keep ? Label(shape, member) : "";
                routed &= label.Length > 0 && !label.Contains('/', StringComparison.Ordinal) && label is not ("." or "..");
                path = path.Replace("{" + name + "}", label, StringComparison.Ordinal);
                continue;
            }
            if (!keep)
            {
                continue;
            }
            var values = model.Shape(shape).GetProperty("type").GetString() == "list"
                ? Enumerable.Range(0, rng.Next(rng.NextDouble() < _mutation ? 0 : 1, 4))
                    .Select(_ => model.Shape(shape).GetProperty("member").GetProperty("shape").GetString()!).ToList()
                : [shape];
            foreach (var item in values)
            {
                query.Add(QueryPair(name, item, member));
            }
            if (rng.NextDouble() < _mutation / 2)
            {
                // The same scalar twice: which one counts is the server's choice, a crash is not.
                query.Add(QueryPair(name, values.FirstOrDefault() ?? shape, member));
            }
        }
        if (rng.NextDouble() < _mutation)
        {
            query.Insert(rng.Next(query.Count + 1), rng.Next(3) switch
            {
                0 => Percent(_text.AsciiWord()) + "=" + Percent(_text.Wild(0, 20)),
                1 => Percent(_text.AsciiWord()),
                _ => BadPairs[rng.Next(BadPairs.Length)],
            });
        }
        while (path.Length + query.Sum(q => q.Length + 1) > MaxValueLength * 2 && query.Count > 0)
        {
            query.Remove(query.MaxBy(q => q.Length)!);
        }
        return new RestRequest(kind, method, query.Count == 0 ? path : path + "?" + string.Join('&', query), body, routed);
    }

    /// A path label: the value percent-encoded as botocore sends it (`%3A`, `%2F`), or mutated.
    /// NUL is left out: Kestrel refuses a path holding one before the API runs
    /// (a_path_holding_an_encoded_nul_is_refused_by_kestrel_with_an_empty_400_and_the_server_goes_on).
    string Label(string shape, string member)
    {
        if (rng.NextDouble() >= _mutation)
        {
            return Bounded(ValidString(shape, model.Shape(shape), member).Replace("\0", "", StringComparison.Ordinal));
        }
        var label = rng.Next(6) switch
        {
            // Unencoded: the ARN's slashes make more segments, which match no route.
            0 => Bounded(ValidString(shape, model.Shape(shape), member)).Replace("%2F", "/", StringComparison.Ordinal),
            1 => Bounded(new string('a', rng.Next(1_001, MaxValueLength))),
            2 => BadLabels[rng.Next(BadLabels.Length)],
            3 => Bounded(_text.Wild(1, 40)),
            _ => Bounded(BadString(shape, model.Shape(shape), member)),
        };
        return label.Replace("%00", "", StringComparison.Ordinal) is { Length: > 0 } kept ? kept : "%20";
    }

    string QueryPair(string name, string shape, string member)
    {
        var value = rng.NextDouble() >= _mutation
            ? ValidString(shape, model.Shape(shape), member)
            : rng.Next(4) switch
            {
                0 => "",
                1 => OtherKinds[rng.Next(OtherKinds.Length)],
                2 => new string('q', rng.Next(1_001, MaxValueLength)),
                _ => BadString(shape, model.Shape(shape), member),
            };
        return (rng.NextDouble() < _mutation / 4 ? name.ToUpperInvariant() : name) + "=" + Bounded(value);
    }

    /// Percent-encoded and at most MaxValueLength long: a value that grows past it when encoded
    /// (four-byte characters become twelve) is cut first.
    string Bounded(string value)
    {
        var encoded = Percent(value);
        while (encoded.Length > MaxValueLength)
        {
            value = value[..(value.Length / 2)];
            encoded = Percent(value);
        }
        return encoded;
    }

    /// Percent-encodes the text's UTF-8 bytes except RFC 3986's unreserved characters; with
    /// invalid text, its markers become bytes that are not UTF-8 at all.
    string Percent(string text)
    {
        var bytes = Encode(text);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
