using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using NodaTime;

namespace Callout.Storage.Sqlite;

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
}
