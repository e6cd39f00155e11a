using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Arns;

namespace Callout.Domain.Alerts;

/// An alert source's ARN, `arn:aws:ssm-incidents:REGION:ACCOUNT:alert-source/ID`, in the SSM
/// Incidents namespace it serves but, unlike incident data, with a region: a source lives in one
/// account and region, and its incidents engage that region's contacts (docs/decisions.md).
public static class AlertSourceArns
{
    const string Kind = "alert-source/";

    public static string For(AccountScope scope, string id)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return $"arn:{scope.Partition}:ssm-incidents:{scope.Region}:{scope.AccountId}:{Kind}{id}";
    }

    public static string Of(AlertSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return For(source.Scope, source.Id);
    }

    /// The trigger ARN of one alert key at one source: the source's ARN and the key's SHA-256 in
    /// hex, so it is stable for the key, unique per source and key, short and safe whatever the
    /// sender's key holds (a group key may carry quotes, braces and any length).
    public static string Trigger(AlertSource source, string alertKey)
    {
        ArgumentNullException.ThrowIfNull(alertKey);
        return Of(source) + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(alertKey)));
    }

    /// The id an ARN of this scope names, or the text itself when it is no ARN (a bare id); null
    /// for an alert source ARN of another account or region, or an ARN of anything else.
    public static string? IdIn(AccountScope scope, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return text;
        }
        var prefix = For(scope, "");
        return text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length ? text[prefix.Length..] : null;
    }
}
