using System.Globalization;
using NodaTime;

namespace Callout.Server.Pagination;

/// Keyset positions `(time, id)` as the last key of a page token.
static class Keys
{
    public static string Of(Instant time, string id) =>
        time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "|" + id;

    public static (Instant, string)? Parse(string? key)
    {
        if (key is null)
        {
            return null;
        }
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        return (Instant.FromUnixTimeMilliseconds(long.Parse(key[..bar], CultureInfo.InvariantCulture)), key[(bar + 1)..]);
    }
}
