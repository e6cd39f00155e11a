namespace Callout.Server.Api;

/// Request ids in the form AWS gives them (a random UUID, version 4). They name a request in logs
/// and error answers and need no secrecy, so they come from Random.Shared: Guid.NewGuid asks the
/// operating system for fresh bytes with every call, a system call per request.
static class RequestIds
{
    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        // Version 4 and the RFC 9562 variant, at the positions Guid's constructor lays the bytes
        // out in: the version in the high nibble of byte 7, the variant in the top bits of byte 8.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
