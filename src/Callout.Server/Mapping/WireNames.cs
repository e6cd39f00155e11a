using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Wire = Callout.Protocol.Shapes;

namespace Callout.Server.Mapping;

/// Enum values as the model spells them. Input has already been checked against the model's enums.
static class WireNames
{
    public static ContactKind ContactKind(string value) => value switch
    {
        Wire.ContactType.Personal => Domain.Contacts.ContactKind.Personal,
        Wire.ContactType.Escalation => Domain.Contacts.ContactKind.Escalation,
        Wire.ContactType.OncallSchedule => Domain.Contacts.ContactKind.OncallSchedule,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static string Of(ContactKind kind) => kind switch
    {
        Domain.Contacts.ContactKind.Personal => Wire.ContactType.Personal,
        Domain.Contacts.ContactKind.Escalation => Wire.ContactType.Escalation,
        Domain.Contacts.ContactKind.OncallSchedule => Wire.ContactType.OncallSchedule,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ChannelKind ChannelKind(string value) => value switch
    {
        Wire.ChannelType.Sms => Domain.Channels.ChannelKind.Sms,
        Wire.ChannelType.Voice => Domain.Channels.ChannelKind.Voice,
        Wire.ChannelType.Email => Domain.Channels.ChannelKind.Email,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static string Of(ChannelKind kind) => kind switch
    {
        Domain.Channels.ChannelKind.Sms => Wire.ChannelType.Sms,
        Domain.Channels.ChannelKind.Voice => Wire.ChannelType.Voice,
        Domain.Channels.ChannelKind.Email => Wire.ChannelType.Email,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Activation(bool activated) =>
        activated ? Wire.ActivationStatus.Activated : Wire.ActivationStatus.NotActivated;

    public static string Of(ReceiptKind kind) => kind switch
    {
        ReceiptKind.Sent => Wire.ReceiptType.Sent,
        ReceiptKind.Delivered => Wire.ReceiptType.Delivered,
        ReceiptKind.Read => Wire.ReceiptType.Read,
        ReceiptKind.Error => Wire.ReceiptType.Error,
        ReceiptKind.Stop => Wire.ReceiptType.Stop,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
