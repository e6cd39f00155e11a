using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Callout.Server.Alerts.Sns;

/// The RSA signature of an SNS message: PKCS#1 v1.5 over the string to sign, with SHA-1 for
/// SignatureVersion 1 and SHA-256 for 2 (AWS SNS Developer Guide). Each refusal says why.
static class SnsSignature
{
    /// The hash of a signature version, or null for a version SNS does not use.
    public static HashAlgorithmName? Hash(string signatureVersion) => signatureVersion switch
    {
        "1" => HashAlgorithmName.SHA1,
        "2" => HashAlgorithmName.SHA256,
        _ => null,
    };

    /// Null when `certificate` signed `message` and is valid at `now`; else why not.
    public static string? Check(SnsMessage message, X509Certificate2 certificate, DateTimeOffset now)
    {
        if (Hash(message.SignatureVersion) is not { } hash)
        {
            return "SignatureVersion must be 1 or 2.";
        }
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return "The signing certificate is not valid now.";
        }
        if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            return "The signing certificate is not for digital signatures.";
        }
        using var key = certificate.GetRSAPublicKey();
        if (key is null)
        {
            return "The signing certificate holds no RSA key.";
        }
        var signature = new byte[message.Signature.Length];
        if (!Convert.TryFromBase64String(message.Signature, signature, out var length))
        {
            return "Signature is not base64.";
        }
        return key.VerifyData(SnsStringToSign.Of(message), signature.AsSpan(0, length), hash, RSASignaturePadding.Pkcs1)
            ? null
            : "The signature does not match the message.";
    }
}
