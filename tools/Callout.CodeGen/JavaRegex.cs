using System.Text;

namespace Callout.CodeGen;

/// The model's patterns are Java regular expressions. .NET reads them the same way except for \w,
/// which is Unicode-wide in .NET and ASCII-only in Java, so it is spelled out.
public static class JavaRegex
{
    public static bool HasLookaround(string pattern) =>
        pattern.Contains("(?!", StringComparison.Ordinal) || pattern.Contains("(?=", StringComparison.Ordinal)
        || pattern.Contains("(?<!", StringComparison.Ordinal) || pattern.Contains("(?<=", StringComparison.Ordinal);

    public static string ToDotNet(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                if (next == 'w')
                {
                    sb.Append(inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]");
                }
                else
                {
                    sb.Append(c).Append(next);
                }
                i++;
                continue;
            }
            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
