using Callout.Domain;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Storage.Rows;

/// How domain values are written to columns: instants as unix milliseconds, kinds by their
/// external names (the API's enum strings), so the database reads the same as the API.
internal static class Columns
{
    public static long Millis(Instant instant) => instant.ToUnixTimeMilliseconds();

    public static Instant InstantOf(long millis) => Instant.FromUnixTimeMilliseconds(millis);

    public static long? Millis(Instant? instant) => instant is { } i ? Millis(i) : null;

    public static string Text(ContactKind kind) => ExternalNames.ContactKinds.Of(kind);

    public static ContactKind ContactKindOf(string text) => Read(ExternalNames.ContactKinds, text, "contact kind");

    public static string Text(ChannelKind kind) => ExternalNames.ChannelKinds.Of(kind);

    public static ChannelKind ChannelKindOf(string text) => Read(ExternalNames.ChannelKinds, text, "channel kind");

    public static string Text(ReceiptKind kind) => ExternalNames.ReceiptKinds.Of(kind);

    public static ReceiptKind ReceiptKindOf(string text) => Read(ExternalNames.ReceiptKinds, text, "receipt kind");

    static readonly EnumNames<DeliveryStatus> DeliveryStatuses = new(
        (DeliveryStatus.Pending, "PENDING"),
        (DeliveryStatus.Sent, "SENT"),
        (DeliveryStatus.Failed, "FAILED"),
        (DeliveryStatus.Unknown, "UNKNOWN"));

    public static string Text(DeliveryStatus status) => DeliveryStatuses.Of(status);

    public static DeliveryStatus DeliveryStatusOf(string text) => Read(DeliveryStatuses, text, "delivery status");

    static T Read<T>(EnumNames<T> names, string text, string what) where T : struct, Enum =>
        names.TryParse(text, out var value) ? value : throw new InvalidDataException($"Unknown {what} '{text}' in the database.");
}
