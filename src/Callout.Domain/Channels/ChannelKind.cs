namespace Callout.Domain.Channels;

public enum ChannelKind
{
    Sms,
    Voice,
    Email,
}
