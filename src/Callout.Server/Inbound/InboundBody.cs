using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Callout.Server.Inbound;

/// Callbacks are small; Kestrel's own body limit is off (the API enforces its own), so each inbound
/// endpoint reads at most MaxBytes itself.
static class InboundBody
{
    public const int MaxBytes = 64 * 1024;

    /// The raw body, or null when it is larger than MaxBytes.
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static Dictionary<string, StringValues> Form(byte[] body) => new FormReader(Encoding.UTF8.GetString(body)).ReadForm();

    public static IResult TooLarge() => Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
}
