using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Domain.Engagements;

/// Each page's six-digit accept code is derived from a server secret and the page ARN, so every
/// retry carries the same code and no plain code is ever stored.
public static class AcceptCodes
{
    public static string For(byte[] secret, string pageArn)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("accept-code\n" + pageArn));
        var n = BitConverter.ToUInt32(mac, 0) % 1_000_000;
        return n.ToString("D6", CultureInfo.InvariantCulture);
    }

    public static bool Matches(byte[] secret, string pageArn, string code) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(secret, pageArn)), Encoding.ASCII.GetBytes(code));
}
