using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;

namespace Callout.Domain;

/// How the domain's kinds are spelled outside the process. The API's enum strings (the model's
/// ContactType, ChannelType and ReceiptType) are also what the database stores, so a row reads as
/// the API shows it; a unit test checks each name against the generated model.
public static class ExternalNames
{
    public static readonly EnumNames<ContactKind> ContactKinds = new(
        (ContactKind.Personal, "PERSONAL"),
        (ContactKind.Escalation, "ESCALATION"),
        (ContactKind.OncallSchedule, "ONCALL_SCHEDULE"));

    public static readonly EnumNames<ChannelKind> ChannelKinds = new(
        (ChannelKind.Sms, "SMS"),
        (ChannelKind.Voice, "VOICE"),
        (ChannelKind.Email, "EMAIL"));

    public static readonly EnumNames<ReceiptKind> ReceiptKinds = new(
        (ReceiptKind.Sent, "SENT"),
        (ReceiptKind.Delivered, "DELIVERED"),
        (ReceiptKind.Read, "READ"),
        (ReceiptKind.Error, "ERROR"),
        (ReceiptKind.Stop, "STOP"));
}
