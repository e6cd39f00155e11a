using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Callout.EndToEnd.Fuzz;

/// Builds request bodies from an operation's input shape: some valid (within min/max, pattern
/// and enum), most with random mutations, a few that are not a request at all. For rest-json the
/// path labels and query members are made the same way (RequestGenerator.Rest.cs).
sealed partial class RequestGenerator(ServiceModel model, Random rng, FuzzResources resources, bool invalidText)
{
    /// The incident data of the fuzzed account, which valid ssm-incidents requests name.
    public IncidentFuzzResources? Incidents { get; init; }

    readonly FuzzText _text = new(rng, invalidText);
    double _mutation;

    public (string Kind, byte[] Body) Next(string operation)
    {
        var roll = rng.NextDouble();
        if (roll < 0.1)
        {
            return WholeBody();
        }
        _mutation = roll < 0.35 ? 0 : 0.02 + (rng.NextDouble() * 0.2);
        var sb = new StringBuilder();
        Structure(model.InputShape(operation), sb, 0);
        var kind = _mutation == 0 ? "valid" : "mutated p=" + _mutation.ToString("0.00", CultureInfo.InvariantCulture);
        return (kind, Encode(sb.ToString()));
    }

    byte[] Encode(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return invalidText ? SpliceInvalidUtf8(bytes) : bytes;
    }

    void Value(string shapeName, StringBuilder sb, int depth, string member)
    {
        var shape = model.Shape(shapeName);
        if (rng.NextDouble() < _mutation)
        {
            Mutant(shapeName, shape, sb, member);
            return;
        }
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                Structure(shapeName, sb, depth);
                break;
            case "list":
                var count = rng.Next(Min(shape, 0), Math.Min(Max(shape, int.MaxValue), Min(shape, 0) + 3) + 1);
                List(shape.GetProperty("member").GetProperty("shape").GetString()!, count, sb, depth, member);
                break;
            case "map":
                Map(shape, sb, depth, member);
                break;
            case "string":
                _text.Literal(sb, ValidString(shapeName, shape, member));
                break;
            case "integer":
                var low = Min(shape, 0);
                sb.Append(rng.NextInt64(low, (long)Max(shape, low + 1000) + 1).ToString(CultureInfo.InvariantCulture));
                break;
            case "boolean":
                sb.Append(rng.Next(2) == 0 ? "true" : "false");
                break;
            case "timestamp":
                var seconds = 1_790_000_000 + rng.Next(-86_400 * 30, 86_400 * 90);
                sb.Append(rng.Next(4) == 0 ? (seconds + rng.NextDouble()).ToString("0.###", CultureInfo.InvariantCulture) : seconds.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    void Structure(string shapeName, StringBuilder sb, int depth)
    {
        var shape = model.Shape(shapeName);
        var required = ServiceModel.Required(shape);
        // Members bound to the path or query string (rest-json) are not the body's.
        var candidates = shape.GetProperty("members").EnumerateObject().Where(m => !m.Value.TryGetProperty("location", out _)).ToList();
        // A union holds exactly one member; a mutated one sometimes none or two.
        var union = shape.TryGetProperty("union", out var u) && u.GetBoolean()
            ? candidates.OrderBy(_ => rng.Next()).Take(rng.NextDouble() < _mutation ? rng.Next(3) : 1).Select(m => m.Name).ToHashSet(StringComparer.Ordinal)
            : null;
        var members = new List<string>();
        foreach (var m in candidates)
        {
            // A made-up NextToken is refused, so it is sent rarely to let more requests get through.
            var keep = union is not null ? union.Contains(m.Name)
                : required.Contains(m.Name) ? rng.NextDouble() >= _mutation
                : m.Name.Equals("NextToken", StringComparison.OrdinalIgnoreCase) ? rng.Next(6) == 0
                : rng.Next(depth == 0 ? 2 : 3) > 0;
            if (!keep)
            {
                continue;
            }
            var member = new StringBuilder();
            _text.Literal(member, m.Name);
            member.Append(':');
            Value(m.Value.GetProperty("shape").GetString()!, member, depth + 1, m.Name);
            members.Add(member.ToString());
            if (rng.NextDouble() < _mutation / 4)
            {
                // The same member twice; JSON leaves the meaning open, the server must not crash.
                members.Add(member.ToString());
            }
        }
        if (rng.NextDouble() < _mutation)
        {
            var extra = new StringBuilder();
            _text.Literal(extra, rng.Next(3) == 0 ? _text.Wild(0, 12) : _text.AsciiWord());
            extra.Append(':');
            AnyJson(extra, rng.Next(4));
            members.Insert(rng.Next(members.Count + 1), extra.ToString());
        }
        sb.Append('{').AppendJoin(',', members).Append('}');
    }

    void List(string memberShape, int count, StringBuilder sb, int depth, string member)
    {
        sb.Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            Value(memberShape, sb, depth + 1, member);
        }
        sb.Append(']');
    }

    void Map(JsonElement shape, StringBuilder sb, int depth, string member)
    {
        var keyShape = shape.GetProperty("key").GetProperty("shape").GetString()!;
        var keys = model.Enum(keyShape);
        var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
        // Keys of an enum are picked from it; others are made up, within the map's count.
        var chosen = keys.Count > 0
            ? keys.Where(_ => rng.Next(3) == 0).ToList()
            : Enumerable.Range(0, rng.Next(Min(shape, 0), Math.Min(Max(shape, int.MaxValue), Min(shape, 0) + 3) + 1))
                .Select(_ => ValidString(keyShape, model.Shape(keyShape), member + "Key")).Distinct(StringComparer.Ordinal).ToList();
        sb.Append('{');
        for (var i = 0; i < chosen.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            _text.Literal(sb, chosen[i]);
            sb.Append(':');
            Value(valueShape, sb, depth + 1, member);
        }
        sb.Append('}');
    }

    /// Any JSON value, nested up to `depth` levels.
    void AnyJson(StringBuilder sb, int depth)
    {
        switch (rng.Next(depth > 0 ? 8 : 6))
        {
            case 0:
                sb.Append("null");
                break;
            case 1:
                sb.Append(rng.Next(2) == 0 ? "true" : "false");
                break;
            case 2:
                sb.Append(Numbers[rng.Next(Numbers.Length)]);
                break;
            case 3:
            case 4:
            case 5:
                _text.Literal(sb, _text.Wild(0, 20));
                break;
            case 6:
                sb.Append('[');
                for (var i = rng.Next(4); i > 0; i--)
                {
                    AnyJson(sb, depth - 1);
                    sb.Append(i > 1 ? "," : "");
                }
                sb.Append(']');
                break;
            default:
                sb.Append('{');
                for (var i = rng.Next(4); i > 0; i--)
                {
                    _text.Literal(sb, _text.AsciiWord());
                    sb.Append(':');
                    AnyJson(sb, depth - 1);
                    sb.Append(i > 1 ? "," : "");
                }
                sb.Append('}');
                break;
        }
    }

    static int Min(JsonElement shape, int fallback) => shape.TryGetProperty("min", out var v) ? v.GetInt32() : fallback;

    static int Max(JsonElement shape, int fallback) => shape.TryGetProperty("max", out var v) ? v.GetInt32() : fallback;
}
