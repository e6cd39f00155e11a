using Callout.Domain;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Wire = Callout.Protocol.Shapes;

namespace Callout.Server.Mapping;

/// Enum values as the model spells them (ExternalNames). Input has already been checked against
/// the model's enums.
static class WireNames
{
    public static ContactKind ContactKind(string value) => ExternalNames.ContactKinds.Parse(value);

    public static string Of(ContactKind kind) => ExternalNames.ContactKinds.Of(kind);

    public static ChannelKind ChannelKind(string value) => ExternalNames.ChannelKinds.Parse(value);

    public static string Of(ChannelKind kind) => ExternalNames.ChannelKinds.Of(kind);

    public static string Of(ReceiptKind kind) => ExternalNames.ReceiptKinds.Of(kind);

    public static string Activation(bool activated) =>
        activated ? Wire.ActivationStatus.Activated : Wire.ActivationStatus.NotActivated;
}
