using System.Globalization;
using NodaTime;

namespace Callout.Server.Listing;

/// Keyset positions `(time, id)` as the key of a cursor.
static class TimeKeys
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
