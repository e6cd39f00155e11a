using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Arns;

namespace Callout.Domain.Engagements;

/// The token in a page's acknowledgement link: the page's scope and id, sealed with a server
/// secret so a link cannot be made up for another page.
public static class AcknowledgeLinks
{
    const int MacLength = 16;

    public static string Token(byte[] secret, AccountScope scope, string pageId)
    {
        var payload = Encoding.UTF8.GetBytes($"{scope.AccountId}|{scope.Region}|{pageId}");
        return Base64Url.EncodeToString([.. payload, .. Mac(secret, payload)]);
    }

    public static bool TryRead(byte[] secret, string token, out AccountScope scope, out string pageId)
    {
        scope = null!;
        pageId = "";
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length <= MacLength)
        {
            return false;
        }
        var payload = bytes[..^MacLength];
        if (!CryptographicOperations.FixedTimeEquals(Mac(secret, payload), bytes.AsSpan(bytes.Length - MacLength)))
        {
            return false;
        }
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 3)
        {
            return false;
        }
        scope = AccountScope.For(parts[1], parts[0]);
        pageId = parts[2];
        return true;
    }

    static byte[] Mac(byte[] secret, byte[] payload) =>
        HMACSHA256.HashData(secret, (byte[])[.. "ack-link\n"u8, .. payload])[..MacLength];
}
