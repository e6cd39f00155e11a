using System.Globalization;
using System.Text;

namespace Callout.Protocol.Validation;

/// The model's patterns are Java regular expressions, which see code points; .NET's see UTF-16
/// units, so a letter outside the Basic Multilingual Plane (𝐀) would fail `\p{L}` as two
/// surrogates. Before matching, each such code point is replaced by a BMP character of the same
/// Unicode category, which every class in the model treats the same way. Lengths are counted
/// separately, on the original text.
static class UnicodeText
{
    public static string ForPatternMatching(string s)
    {
        var hasSurrogates = false;
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                hasSurrogates = true;
                break;
            }
        }
        if (!hasSurrogates)
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            if (rune.IsBmp)
            {
                sb.Append((char)rune.Value);
            }
            else
            {
                sb.Append(Representative(Rune.GetUnicodeCategory(rune)));
            }
        }
        return sb.ToString();
    }

    static char Representative(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => 'A',
        UnicodeCategory.LowercaseLetter => 'a',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u05D0',
        UnicodeCategory.DecimalDigitNumber => '\u0660',
        UnicodeCategory.LetterNumber => '\u2160',
        UnicodeCategory.OtherNumber => '\u00B2',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.MathSymbol => '\u2200',
        UnicodeCategory.CurrencySymbol => '\u20AC',
        UnicodeCategory.ModifierSymbol => '\u02C2',
        UnicodeCategory.OtherSymbol => '\u00A9',
        UnicodeCategory.Format => '\u200B',
        UnicodeCategory.PrivateUse => '\uE000',
        UnicodeCategory.ConnectorPunctuation => '\u203F',
        UnicodeCategory.DashPunctuation => '\u2010',
        UnicodeCategory.OpenPunctuation => '\u2045',
        UnicodeCategory.ClosePunctuation => '\u2046',
        UnicodeCategory.InitialQuotePunctuation => '\u2018',
        UnicodeCategory.FinalQuotePunctuation => '\u2019',
        UnicodeCategory.OtherPunctuation => '\u2020',
        _ => '\uFFFF',
    };
}
