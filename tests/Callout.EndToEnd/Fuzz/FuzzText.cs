using System.Globalization;
using System.Text;

namespace Callout.EndToEnd.Fuzz;

/// Random text for the fuzzer, and JSON string literals that escape it in random but valid ways.
sealed class FuzzText(Random rng, bool invalidText)
{
    /// Stands for bytes that are not UTF-8; RequestGenerator swaps it for them after encoding.
    public const char InvalidUtf8Marker = '\uE000';

    public static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(InvalidUtf8Marker.ToString());

    const string Lower = "abcdefghijklmnopqrstuvwxyz";
    const string Digits = "0123456789";
    const string Alnum = Lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + Digits;

    // Code points that tend to break text handling: controls, BOM, non-characters, bidi and
    // zero-width marks, combining marks, a private-use char, astral letters and emoji.
    static readonly int[] Awkward =
    [
        0x00, 0x01, 0x07, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x85, 0xA0, 0xAD, 0xE9, 0x130, 0x301, 0x3A9,
        0x5D0, 0x627, 0x200B, 0x200D, 0x202E, 0x2028, 0x2029, 0x3000, 0x65E5, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0xE001,
        0x1D400, 0x1F600, 0x1F469, 0x10FFFF, 0x20000,
    ];

    public string From(string alphabet, int min, int max)
    {
        var n = rng.Next(min, max + 1);
        var sb = new StringBuilder(n);
        for (var i = 0; i < n; i++)
        {
            sb.Append(alphabet[rng.Next(alphabet.Length)]);
        }
        return sb.ToString();
    }

    public string Alias(int min = 1, int max = 12) => From(Lower + Digits + "_-", min, max);

    public string Token(int min, int max) => From(Alnum + "_+=/-\\", min, max);

    public string AsciiWord(int min = 1, int max = 12) => From(Alnum, min, max);

    public string Digit(int min, int max) => From(Digits, min, max);

    public string Uuid()
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// Letters, digits and separators only, as the `\p{L}\p{Z}\p{N}_.\-` patterns allow.
    public string Name(int min, int max) => From(Alnum + " _.-\u00e9\u00fc\u03a9\u65e5\u0416", min, max);

    /// Any code points at all, weighted toward awkward ones; lone surrogates only when asked.
    public string Wild(int min, int max)
    {
        var n = rng.Next(min, max + 1);
        var sb = new StringBuilder(n * 2);
        for (var i = 0; i < n; i++)
        {
            var roll = rng.Next(10);
            if (invalidText && roll == 0)
            {
                if (rng.Next(2) == 0)
                {
                    sb.Append((char)rng.Next(0xD800, 0xE000));
                }
                else
                {
                    sb.Append(InvalidUtf8Marker);
                }
            }
            else if (roll < 4)
            {
                sb.Append(char.ConvertFromUtf32(Awkward[rng.Next(Awkward.Length)]));
            }
            else if (roll < 5)
            {
                var cp = rng.Next(0x80, 0x10FFFF);
                sb.Append(cp is >= 0xD800 and < 0xE000 ? "\u00e9" : char.ConvertFromUtf32(cp));
            }
            else
            {
                sb.Append((char)rng.Next(0x20, 0x7F));
            }
        }
        return sb.ToString();
    }

    /// A JSON string literal for `s`; non-ASCII is sent raw or as `\u` escapes at random. A lone
    /// surrogate cannot be encoded as UTF-8, so it is always escaped.
    public void Literal(StringBuilder sb, string s)
    {
        var escapeAll = rng.Next(3) == 0;
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < ' ' || c == InvalidUtf8Marker && !invalidText)
            {
                Escape(sb, c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                if (escapeAll)
                {
                    Escape(sb, c);
                    Escape(sb, s[i + 1]);
                }
                else
                {
                    sb.Append(c).Append(s[i + 1]);
                }
                i++;
            }
            else if (char.IsSurrogate(c) || c > '\u007e' && escapeAll)
            {
                Escape(sb, c);
            }
            else
            {
                sb.Append(c);
            }
        }
        sb.Append('"');
    }

    static void Escape(StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
