using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using NodaTime;

namespace Callout.Server.Alerts;

/// Typed reads of an alert body's members for the format parsers. A read that finds the wrong
/// thing returns null and keeps its reason (the first one) in Error, naming the member by its
/// path, so the sender gets a 400 that says what to fix; nothing here throws on bad input.
sealed class AlertBodyReader
{
    public string? Error { get; private set; }

    /// The body as a JSON object, or null (and why) when it is not one. Every string and member
    /// name in it is read once here, so the reads after this one cannot throw: System.Text.Json
    /// takes a lone surrogate escape (`"\uD800"`) while parsing but throws when it is read.
    public static JsonDocument? ParseObject(byte[] body, out string? error)
    {
        if (!Utf8.IsValid(body))
        {
            error = "The body is not UTF-8 text.";
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            error = $"The body is not JSON ({e.Message})";
            return null;
        }
        error = document.RootElement.ValueKind != JsonValueKind.Object ? "The body must be a JSON object."
            : !AllStringsRead(document.RootElement) ? "The body holds a lone UTF-16 surrogate escape (\\uD800 to \\uDFFF without its pair)."
            : HoldsNul(document.RootElement) ? NulRefusal
            : null;
        if (error is not null)
        {
            document.Dispose();
            return null;
        }
        return document;
    }

    /// PostgreSQL's text cannot hold U+0000, so no store keeps it (as RequestReader refuses it in
    /// API requests); an alert holding one is refused rather than failing when stored.
    public const string NulRefusal = "The body holds a NUL character (\\u0000), which Callout does not store.";

    // Recursion is bounded by the parser's depth limit (64); every string reads (AllStringsRead).
    static bool HoldsNul(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name.Contains('\0', StringComparison.Ordinal) || HoldsNul(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HoldsNul),
        JsonValueKind.String => element.GetString()!.Contains('\0', StringComparison.Ordinal),
        _ => false,
    };

    static bool AllStringsRead(JsonElement element)
    {
        try
        {
            ReadAll(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Recursion is bounded by the parser's depth limit (64).
    static void ReadAll(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadAll(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadAll(item);
                }
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    public string? String(JsonElement parent, string member, string path, bool required = false)
    {
        if (!Present(parent, member, out var value))
        {
            return required ? Fail($"{path} is required.") : null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail($"{path} must be a string, not {Kind(value)}.");
        }
        var text = value.GetString()!;
        if (required && text.Length == 0)
        {
            return Fail($"{path} must not be empty.");
        }
        return text;
    }

    public JsonElement? Object(JsonElement parent, string member, string path, bool required = false)
    {
        if (!Present(parent, member, out var value))
        {
            return required ? FailElement($"{path} is required.") : null;
        }
        return value.ValueKind == JsonValueKind.Object ? value : FailElement($"{path} must be an object, not {Kind(value)}.");
    }

    public IReadOnlyList<JsonElement>? ObjectArray(JsonElement parent, string member, string path)
    {
        if (!Present(parent, member, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail($"{path} must be an array, not {Kind(value)}.");
            return null;
        }
        var items = new List<JsonElement>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                Fail($"{path}[{i}] must be an object, not {Kind(item)}.");
                return null;
            }
            items.Add(item);
            i++;
        }
        return items;
    }

    /// A map of strings, as Alertmanager's labels and annotations are; absent is empty.
    public IReadOnlyDictionary<string, string> StringMap(JsonElement parent, string member, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Object(parent, member, path) is not { } obj)
        {
            return map;
        }
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                Fail($"{path}.{property.Name} must be a string, not {Kind(property.Value)}.");
                return map;
            }
            map[property.Name] = property.Value.GetString()!;
        }
        return map;
    }

    public int? Integer(JsonElement parent, string member, string path, int min, int max)
    {
        if (!Present(parent, member, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < min || n > max)
        {
            Fail($"{path} must be a whole number from {min} to {max}.");
            return null;
        }
        return n;
    }

    /// An RFC 3339 time, as Alertmanager, Grafana and PagerDuty write them; a time that does not
    /// parse is no error (it only dates the trigger), and Go's zero time means none.
    public static Instant? Time(string? text)
    {
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) || time.Year <= 1)
        {
            return null;
        }
        return Instant.FromDateTimeOffset(time);
    }

    /// Keeps a reason found after reading (a value outside its allowed set).
    public void Reject(string message) => Fail(message);

    static bool Present(JsonElement parent, string member, out JsonElement value) =>
        parent.TryGetProperty(member, out value) && value.ValueKind != JsonValueKind.Null;

    string? Fail(string message)
    {
        Error ??= message;
        return null;
    }

    JsonElement? FailElement(string message)
    {
        Error ??= message;
        return null;
    }

    static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
