using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Callout.Protocol.Errors;

namespace Callout.Server.Listing;

/// NextToken values: the operation, a hash of the filters, the key of the last item returned and
/// when the token was issued, sealed with an HMAC so a forged, altered or foreign token is rejected
/// (docs/spec/protocol.md §6). Unpadded base64url fits the model's token pattern.
sealed class CursorTokens(byte[] key, TimeProvider time)
{
    const int MacLength = 16;
    static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public string Issue(string operation, string filters, string lastKey)
    {
        var payload = Encoding.UTF8.GetBytes($"{operation}\n{Hash(filters)}\n{lastKey}");
        var sealedToken = new byte[8 + payload.Length + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(sealedToken, time.GetUtcNow().ToUnixTimeSeconds());
        payload.CopyTo(sealedToken, 8);
        Mac(sealedToken.AsSpan(0, 8 + payload.Length)).CopyTo(sealedToken.AsSpan(8 + payload.Length));
        return Base64Url.EncodeToString(sealedToken);
    }

    /// The cursor a request continues from: the start when it has no token.
    public Cursor Open(string? token, string operation, string filters, int? maxResults) =>
        new(this, operation, filters, OpenKey(token, operation, filters), Cursor.SizeOf(maxResults));

    /// The key a token continues after, or null when no token was given.
    public string? OpenKey(string? token, string operation, string filters)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Invalid();
        }
        if (bytes.Length < 8 + MacLength)
        {
            throw Invalid();
        }
        var body = bytes.AsSpan(0, bytes.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(Mac(body), bytes.AsSpan(bytes.Length - MacLength)))
        {
            throw Invalid();
        }
        var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(body));
        if (time.GetUtcNow() - issued > Lifetime)
        {
            throw Invalid();
        }
        var parts = Encoding.UTF8.GetString(body[8..]).Split('\n', 3);
        if (parts.Length != 3 || parts[0] != operation || parts[1] != Hash(filters))
        {
            throw Invalid();
        }
        return parts[2];
    }

    byte[] Mac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(key, data)[..MacLength];

    static string Hash(string filters) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(filters)))[..16];

    static ValidationException Invalid() => new(
        "Invalid NextToken: it was not issued by this server for this request, or it has expired.",
        ValidationException.Other,
        [new("nextToken", "Invalid NextToken", "")]);
}
