using System.Text;

namespace Callout.Protocol.Query;

/// The parameters of an AWS query-protocol request: `name=value` pairs joined by `&`,
/// percent-encoded, `+` for a space (application/x-www-form-urlencoded), from the query string and
/// the body together. Strict where browsers are lenient: a bad escape, bytes that are not UTF-8 or a
/// name given twice is the client's fault, never a guess.
public sealed class QueryParameters
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly Dictionary<string, string> values;

    QueryParameters(Dictionary<string, string> values) => this.values = values;

    public string? this[string name] => values.GetValueOrDefault(name);

    /// Whether any part names the parameter `Action` as SDKs write it, without judging the rest:
    /// enough to tell a query-protocol request from anything else sent with a form content type.
    public static bool NamesAction(ReadOnlySpan<byte> form)
    {
        foreach (var range in form.Split((byte)'&'))
        {
            var pair = form[range];
            var eq = pair.IndexOf((byte)'=');
            if ((eq < 0 ? pair : pair[..eq]).SequenceEqual("Action"u8))
            {
                return true;
            }
        }
        return false;
    }

    /// Throws QueryException (MalformedQueryString, InvalidQueryParameter) for input no SDK sends.
    public static QueryParameters Parse(params ReadOnlySpan<ReadOnlyMemory<byte>> forms)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var memory in forms)
        {
            var form = memory.Span;
            foreach (var range in form.Split((byte)'&'))
            {
                var pair = form[range];
                if (pair.IsEmpty)
                {
                    continue;
                }
                var eq = pair.IndexOf((byte)'=');
                var name = Decode(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
                if (!values.TryAdd(name, value))
                {
                    throw QueryErrors.Repeated(name);
                }
            }
        }
        return new QueryParameters(values);
    }

    static string Decode(ReadOnlySpan<byte> encoded)
    {
        var bytes = encoded.Length <= 256 ? stackalloc byte[encoded.Length] : new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '%')
            {
                if (i + 2 >= encoded.Length || !IsHex(encoded[i + 1]) || !IsHex(encoded[i + 2]))
                {
                    throw QueryErrors.Malformed("A '%' in the query is not followed by two hexadecimal digits.");
                }
                bytes[length++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else
            {
                bytes[length++] = b == '+' ? (byte)' ' : b;
            }
        }
        try
        {
            return StrictUtf8.GetString(bytes[..length]);
        }
        catch (DecoderFallbackException)
        {
            throw QueryErrors.Malformed("The query is not UTF-8 once its escapes are decoded.");
        }
    }

    static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
