using System.Globalization;
using System.Text.Json;

namespace Callout.Server.WebConsole;

/// Members of an operation's answer as the console reads them: the API writes timestamps as epoch
/// seconds (spec/protocol.md), and a member it leaves out reads as null.
static class WireValues
{
    public static string? Text(JsonElement shape, string member) =>
        shape.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static int? Integer(JsonElement shape, string member) =>
        shape.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    public static DateTimeOffset? Time(JsonElement shape, string member)
    {
        if (!shape.TryGetProperty(member, out var v))
        {
            return null;
        }
        return v.ValueKind switch
        {
            JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v.GetDecimal() * 1000m)),
            JsonValueKind.String when DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) => t,
            _ => null,
        };
    }

    public static IReadOnlyList<string> Texts(JsonElement shape, string member) =>
        shape.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    public static IEnumerable<JsonElement> Items(JsonElement shape, string member) =>
        shape.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// The last `count` `/`-separated segments of an ARN: a contact's alias, an engagement's
    /// `alias/id`, an incident's `plan/id`.
    public static string Tail(string arn, int count = 1)
    {
        var at = arn.Length;
        for (var i = 0; i < count && at > 0; i++)
        {
            at = arn.LastIndexOf('/', at - 1);
            if (at < 0)
            {
                return arn;
            }
        }
        return arn[(at + 1)..];
    }
}
