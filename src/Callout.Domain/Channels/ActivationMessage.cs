
namespace Callout.Domain.Channels;

/// The text that carries an activation code (docs/spec/domain.md §5, our templates).
public static class ActivationMessage
{
    public static MessageText For(ContactChannel channel, string code)
    {
        var subject = "Activate your Callout paging channel";
        var body = channel.Kind switch
        {
            ChannelKind.Sms => $"Callout paging: code {code} activates \"{channel.Name}\" for {channel.ContactAlias}. Reply STOP to opt out.",
            ChannelKind.Voice => $"This is Callout paging. Your activation code for {channel.Name} is {Spaced(code)}. Again: {Spaced(code)}.",
            _ => $"This address was added as the paging channel \"{channel.Name}\" of the contact {channel.ContactAlias}.\n\n"
                + $"Activation code: {code}\n\nThe code expires 24 hours after this message. If you did not expect it, ignore it.",
        };
        return new MessageText(subject, body);
    }

    static string Spaced(string code) => string.Join(' ', code.ToCharArray());
}
