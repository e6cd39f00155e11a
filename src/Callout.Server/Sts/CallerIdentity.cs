using Callout.Domain.Arns;

namespace Callout.Server.Sts;

/// Who STS GetCallerIdentity says the caller is. Callout has no IAM users, and an access key
/// stands for its whole account, so every caller is its account's root user: the Arn and UserId
/// AWS reports for root credentials (docs/decisions.md, STS).
sealed record CallerIdentity(string Arn, string UserId, string Account)
{
    /// IAM ARNs carry no region, but the partition follows the region the caller signed for.
    public static CallerIdentity RootOf(string account, string region) =>
        new($"arn:{AccountScope.For(region, account).Partition}:iam::{account}:root", account, account);
}
