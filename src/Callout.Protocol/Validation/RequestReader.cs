using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Callout.Protocol.Validation;

/// Reads JSON values for the generated shape readers and collects every problem instead of stopping
/// at the first, so one ValidationException can report them all (docs/spec/protocol.md §4).
public sealed class RequestReader
{
    const int ShownValueLength = 128;

    readonly List<FieldError> _errors = [];
    readonly HashSet<string> _typeErrorPaths = new(StringComparer.Ordinal);

    public IReadOnlyList<FieldError> Errors => _errors;

    /// True when a value had the wrong JSON type, which AWS reports as CANNOT_PARSE.
    public bool HasTypeErrors { get; private set; }

    public static string Child(string path, string member) => path.Length == 0 ? member : path + "." + member;

    public bool ExpectObject(JsonElement v, string path)
    {
        if (v.ValueKind == JsonValueKind.Object)
        {
            return true;
        }
        TypeError(v, path, "an object");
        return false;
    }

    public string? ReadString(JsonElement v, string path)
    {
        if (v.ValueKind == JsonValueKind.String)
        {
            return Storable(v.GetString()!, path);
        }
        TypeError(v, path, "a string");
        return null;
    }

    /// PostgreSQL's text cannot hold U+0000, so a value with one would pass every check and fail
    /// in the store; it is refused here on every backend alike (docs/decisions.md, "NUL in strings").
    string Storable(string text, string path)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Add(path, "Member must not contain NUL (U+0000); other control characters are kept", Shown(text));
        }
        return text;
    }

    public int? ReadInteger(JsonElement v, string path)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
        {
            return n;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) && d == decimal.Truncate(d)
            && d >= int.MinValue && d <= int.MaxValue)
        {
            // 5.0 and 5e0 are the same integer.
            return (int)d;
        }
        TypeError(v, path, "an integer");
        return null;
    }

    public bool? ReadBoolean(JsonElement v, string path)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                TypeError(v, path, "a boolean");
                return null;
        }
    }

    public DateTimeOffset? ReadTimestamp(JsonElement v, string path)
    {
        // botocore sends whole epoch seconds; other SDKs send fractions (docs/spec/protocol.md §1).
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var seconds) && double.IsFinite(seconds))
        {
            var ms = Math.Round(seconds * 1000d);
            if (ms >= -62135596800000d && ms <= 253402300799000d)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
            }
        }
        TypeError(v, path, "a timestamp in epoch seconds");
        return null;
    }

    public List<T>? ReadList<T>(JsonElement v, string path, Func<RequestReader, JsonElement, string, T?> item)
        where T : class
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            TypeError(v, path, "a list");
            return null;
        }
        var list = new List<T>(v.GetArrayLength());
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            i++;
            var itemPath = path + "." + i.ToString(CultureInfo.InvariantCulture) + ".member";
            if (e.ValueKind == JsonValueKind.Null)
            {
                Add(itemPath, "Member must not be null", "Value null");
                continue;
            }
            var value = item(this, e, itemPath);
            if (value is not null)
            {
                list.Add(value);
            }
        }
        return list;
    }

    public List<T>? ReadValueList<T>(JsonElement v, string path, Func<RequestReader, JsonElement, string, T?> item)
        where T : struct
    {
        var boxed = ReadList<object>(v, path, (r, e, p) => item(r, e, p));
        return boxed?.Select(x => (T)x).ToList();
    }

    public Dictionary<string, TValue>? ReadMap<TValue>(
        JsonElement v,
        string path,
        Action<RequestReader, string, string> checkKey,
        Func<RequestReader, JsonElement, string, TValue?> value)
        where TValue : class
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            TypeError(v, path, "a map");
            return null;
        }
        var map = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
        {
            checkKey(this, Storable(p.Name, path + ".key"), path + ".key");
            var entryPath = path + "." + p.Name;
            if (p.Value.ValueKind == JsonValueKind.Null)
            {
                Add(entryPath, "Member must not be null", "Value null");
                continue;
            }
            var x = value(this, p.Value, entryPath);
            if (x is not null)
            {
                map[p.Name] = x;
            }
        }
        return map;
    }

    public void CheckRequired<T>(T? value, string path)
    {
        // A value of the wrong type was already reported; it is not also missing.
        if (value is null && !_typeErrorPaths.Contains(path))
        {
            Add(path, "Member must not be null", "Value null");
        }
    }

    public void CheckLength(string s, long? min, long? max, string path)
    {
        // Smithy counts length in Unicode code points, not UTF-16 units.
        var length = CodePoints(s);
        if (min is not null && length < min)
        {
            Add(path, $"Member must have length greater than or equal to {min}", Shown(s));
        }
        if (max is not null && length > max)
        {
            Add(path, $"Member must have length less than or equal to {max}", Shown(s));
        }
    }

    public void CheckPattern(string s, Regex regex, string patternText, string path)
    {
        if (!regex.IsMatch(UnicodeText.ForPatternMatching(s)))
        {
            Add(path, "Member must satisfy regular expression pattern: " + patternText, Shown(s));
        }
    }

    public void CheckEnum(string s, IReadOnlyList<string> allowed, string path)
    {
        if (!allowed.Contains(s, StringComparer.Ordinal))
        {
            Add(path, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]", Shown(s));
        }
    }

    public void CheckRange(int? n, long? min, long? max, string path)
    {
        if (n is null)
        {
            return;
        }
        var shown = "Value '" + n.Value.ToString(CultureInfo.InvariantCulture) + "'";
        if (min is not null && n < min)
        {
            Add(path, $"Member must have value greater than or equal to {min}", shown);
        }
        if (max is not null && n > max)
        {
            Add(path, $"Member must have value less than or equal to {max}", shown);
        }
    }

    public void CheckCount<T>(List<T>? list, long? min, long? max, string path) => CheckCount(list?.Count, min, max, path);

    public void CheckCount<T>(Dictionary<string, T>? map, long? min, long? max, string path) => CheckCount(map?.Count, min, max, path);

    void CheckCount(int? count, long? min, long? max, string path)
    {
        if (count is null)
        {
            return;
        }
        var shown = $"Value with {count} items";
        if (min is not null && count < min)
        {
            Add(path, $"Member must have length greater than or equal to {min}", shown);
        }
        if (max is not null && count > max)
        {
            Add(path, $"Member must have length less than or equal to {max}", shown);
        }
    }

    /// Smithy: a union sets exactly one of its members.
    public void CheckUnion(object?[] members, string[] names, string path)
    {
        var set = members.Count(m => m is not null);
        if (set != 1)
        {
            Add(path.Length == 0 ? "the request body" : path,
                $"Member must have exactly one of [{string.Join(", ", names)}] set", $"Value with {set} members set");
        }
    }

    // rest-json binds members to the path, query string and headers, where every value is text.

    public string? ReadBoundString(IReadOnlyList<string>? values, string name) =>
        Single(values, name);

    public int? ReadBoundInteger(IReadOnlyList<string>? values, string name)
    {
        var text = Single(values, name);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        BoundTypeError(name, "an integer", text);
        return null;
    }

    public bool? ReadBoundBoolean(IReadOnlyList<string>? values, string name)
    {
        var text = Single(values, name);
        switch (text)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                BoundTypeError(name, "a boolean", text);
                return null;
        }
    }

    public List<string>? ReadBoundList(IReadOnlyList<string>? values, string name, Action<RequestReader, string, string> check)
    {
        if (values is null)
        {
            return null;
        }
        var list = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var itemPath = name + "." + (i + 1).ToString(CultureInfo.InvariantCulture) + ".member";
            check(this, Storable(values[i], itemPath), itemPath);
            list.Add(values[i]);
        }
        return list;
    }

    string? Single(IReadOnlyList<string>? values, string name)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            Add(name, "Member must have a single value", $"Value with {values.Count} values");
        }
        return Storable(values[0], name);
    }

    void BoundTypeError(string name, string expected, string text)
    {
        HasTypeErrors = true;
        _typeErrorPaths.Add(name);
        Add(name, $"Member must be {expected}", Shown(text));
    }

    void TypeError(JsonElement v, string path, string expected)
    {
        HasTypeErrors = true;
        _typeErrorPaths.Add(path);
        var name = path.Length == 0 ? "the request body" : path;
        Add(name, $"Member must be {expected}", "Value of JSON type " + v.ValueKind.ToString().ToLowerInvariant());
    }

    void Add(string path, string message, string detail) => _errors.Add(new FieldError(path, message, detail));

    static int CodePoints(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    static string Shown(string s)
    {
        var text = CodePoints(s) > ShownValueLength
            ? string.Concat(s.EnumerateRunes().Take(ShownValueLength).Select(r => r.ToString())) + "..."
            : s;
        var sb = new StringBuilder("Value '", text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.Append('\'').ToString();
    }
}
