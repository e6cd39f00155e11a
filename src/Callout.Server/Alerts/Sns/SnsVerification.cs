using Callout.Domain.Alerts;
using Microsoft.AspNetCore.Http;

namespace Callout.Server.Alerts.Sns;

/// Why a message was refused: the HTTP status to answer and a reason for the sender.
sealed record SnsRefusal(int Status, string Reason);

/// Everything that must hold before a message is acted on, cheapest first, so a forgery costs no
/// outbound request: the topic is on the source's allow-list, the signature version is one SNS uses,
/// SigningCertURL is https on a trusted host, its certificate is fetched, valid now, and signed the
/// message. `wallClock` is real time, even under --clock virtual: a certificate's validity is about
/// the real world (as SigV4's window is, docs/decisions.md).
sealed class SnsVerification(SnsTrust trust, SnsCertificates certificates, TimeProvider wallClock)
{
    /// Null when the message may be acted on.
    public async Task<SnsRefusal?> CheckAsync(SnsMessage message, AlertSource source, CancellationToken ct)
    {
        if (!source.SnsTopicArns.Contains(message.TopicArn, StringComparer.Ordinal))
        {
            return new(StatusCodes.Status403Forbidden, $"Topic '{message.TopicArn}' is not one this alert source accepts; add it to the source's SnsTopicArns.");
        }
        if (SnsSignature.Hash(message.SignatureVersion) is null)
        {
            return new(StatusCodes.Status403Forbidden, "SignatureVersion must be 1 or 2.");
        }
        if (trust.CheckUrl("SigningCertURL", message.SigningCertUrl, certificate: true, out var url) is { } badUrl)
        {
            return new(StatusCodes.Status403Forbidden, badUrl);
        }
        var fetch = await certificates.GetAsync(url!, ct);
        if (fetch.Certificate is not { } certificate)
        {
            // An unreachable host is worth SNS's retry; any other answer will not change.
            return new(fetch.Unreachable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status403Forbidden, fetch.Reason!);
        }
        return SnsSignature.Check(message, certificate, wallClock.GetUtcNow()) is { } bad
            ? new(StatusCodes.Status403Forbidden, bad)
            : null;
    }
}
