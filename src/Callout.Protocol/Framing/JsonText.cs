using System.Text.Json;
using Callout.Protocol.Errors;

namespace Callout.Protocol.Framing;

/// System.Text.Json accepts lone surrogate escapes (`"\ud800"`) and invalid UTF-8 inside strings
/// when parsing and only fails when the string is read. Every string and member name is read once
/// here, so such a body is CANNOT_PARSE rather than a failure deep inside a handler.
static class JsonText
{
    public static void RequireValidUnicode(JsonElement e)
    {
        try
        {
            Walk(e);
        }
        catch (InvalidOperationException)
        {
            throw new ValidationException(
                "The request body holds text that is not valid Unicode (a lone surrogate or invalid UTF-8).",
                ValidationException.CannotParse, []);
        }
    }

    static void Walk(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                _ = e.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    _ = p.Name;
                    Walk(p.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
                break;
        }
    }
}
