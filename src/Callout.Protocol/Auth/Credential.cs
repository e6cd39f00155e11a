namespace Callout.Protocol.Auth;

public sealed record Credential(string AccessKeyId, string SecretAccessKey, string AccountId)
{
    // Keep the secret out of logs that format the record.
    public override string ToString() => $"Credential {{ AccessKeyId = {AccessKeyId}, AccountId = {AccountId} }}";
}
