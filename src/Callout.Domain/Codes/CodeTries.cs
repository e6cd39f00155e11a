using Callout.Domain.Channels;
using Callout.Domain.Engagements;

namespace Callout.Domain.Codes;

/// Which code a wrong try was at (the key of ICodeTrySession) and when a code is used up.
/// A six-digit code falls to anyone allowed a million tries; counting wrong tries per code in the
/// store and burning it after a few leaves a guesser a few chances in a million per code sent.
public static class CodeTries
{
    /// The code last sent to the channel, named by its hash, so that a new code starts with no
    /// wrong tries and a burned one stays burned; null when no code is outstanding.
    public static string? ActivationKey(ContactChannel channel) =>
        channel.ActivationCodeHash is { } hash ? "activation:" + hash : null;

    /// A page's accept code never changes (AcceptCodes), so its tries are counted for its life.
    public static string AcceptKey(Page page) => "accept:" + page.Id;

    public static bool Burned(int wrongTries, ServiceLimits limits) => wrongTries >= limits.WrongTriesPerCode;
}
