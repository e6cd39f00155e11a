using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using NodaTime;

namespace Callout.Storage.Rows;

/// How domain values are written to columns: instants as unix milliseconds, kinds as the wire's
/// enum names, so the database reads the same as the API.
internal static class Columns
{
    public static long Millis(Instant instant) => instant.ToUnixTimeMilliseconds();

    public static Instant InstantOf(long millis) => Instant.FromUnixTimeMilliseconds(millis);

    public static string Text(ContactKind kind) => kind switch
    {
        ContactKind.Personal => "PERSONAL",
        ContactKind.Escalation => "ESCALATION",
        ContactKind.OncallSchedule => "ONCALL_SCHEDULE",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ContactKind ContactKindOf(string text) => text switch
    {
        "PERSONAL" => ContactKind.Personal,
        "ESCALATION" => ContactKind.Escalation,
        "ONCALL_SCHEDULE" => ContactKind.OncallSchedule,
        _ => throw new InvalidDataException($"Unknown contact kind '{text}' in the database."),
    };

    public static string Text(ChannelKind kind) => kind switch
    {
        ChannelKind.Sms => "SMS",
        ChannelKind.Voice => "VOICE",
        ChannelKind.Email => "EMAIL",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ChannelKind ChannelKindOf(string text) => text switch
    {
        "SMS" => ChannelKind.Sms,
        "VOICE" => ChannelKind.Voice,
        "EMAIL" => ChannelKind.Email,
        _ => throw new InvalidDataException($"Unknown channel kind '{text}' in the database."),
    };

    public static long? Millis(Instant? instant) => instant is { } i ? Millis(i) : null;

    public static string Text(StepKind kind) => kind switch
    {
        StepKind.SendPage => "SEND_PAGE",
        StepKind.EnterSchedule => "ENTER_SCHEDULE",
        StepKind.Finish => "FINISH",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static StepKind StepKindOf(string text) => text switch
    {
        "SEND_PAGE" => StepKind.SendPage,
        "ENTER_SCHEDULE" => StepKind.EnterSchedule,
        "FINISH" => StepKind.Finish,
        _ => throw new InvalidDataException($"Unknown step kind '{text}' in the database."),
    };

    public static string Text(ReceiptKind kind) => kind switch
    {
        ReceiptKind.Sent => "SENT",
        ReceiptKind.Delivered => "DELIVERED",
        ReceiptKind.Read => "READ",
        ReceiptKind.Error => "ERROR",
        ReceiptKind.Stop => "STOP",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ReceiptKind ReceiptKindOf(string text) => text switch
    {
        "SENT" => ReceiptKind.Sent,
        "DELIVERED" => ReceiptKind.Delivered,
        "READ" => ReceiptKind.Read,
        "ERROR" => ReceiptKind.Error,
        "STOP" => ReceiptKind.Stop,
        _ => throw new InvalidDataException($"Unknown receipt kind '{text}' in the database."),
    };

    public static string Text(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "PENDING",
        DeliveryStatus.Sent => "SENT",
        DeliveryStatus.Failed => "FAILED",
        DeliveryStatus.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static DeliveryStatus DeliveryStatusOf(string text) => text switch
    {
        "PENDING" => DeliveryStatus.Pending,
        "SENT" => DeliveryStatus.Sent,
        "FAILED" => DeliveryStatus.Failed,
        "UNKNOWN" => DeliveryStatus.Unknown,
        _ => throw new InvalidDataException($"Unknown delivery status '{text}' in the database."),
    };
}
