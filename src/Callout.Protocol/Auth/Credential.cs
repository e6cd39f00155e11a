namespace Callout.Protocol.Auth;

/// A configured key. SessionToken, when set, must come with every request signed by the key, as
/// with temporary credentials at AWS; a key without one accepts no token.
public sealed record Credential(string AccessKeyId, string SecretAccessKey, string AccountId, string? SessionToken = null)
{
    // Keep the secret and the token out of logs that format the record.
    public override string ToString() => $"Credential {{ AccessKeyId = {AccessKeyId}, AccountId = {AccountId} }}";
}
