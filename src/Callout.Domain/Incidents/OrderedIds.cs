using System.Buffers.Binary;

namespace Callout.Domain.Incidents;

/// Incident and timeline event ids: UUIDv7 from the time given, each greater than the last this
/// process made, so events written in one millisecond (one transaction's, or any under a stopped
/// virtual clock) list in the order they were written (a timeline sorts by event time, then id),
/// and incidents opened in one millisecond list newest first all the same.
public static class OrderedIds
{
    static readonly Lock Gate = new();
    static UInt128 last;

    public static string Next(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(now).TryWriteBytes(bytes, bigEndian: true, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (Gate)
        {
            // Within one millisecond the rest of a UUIDv7 is random: count up from the last instead.
            value = value > last ? value : last + 1;
            last = value;
        }
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public static string Next(NodaTime.Instant now) => Next(now.ToDateTimeOffset());
}
