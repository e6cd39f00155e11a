namespace Callout.Domain.Arns;

/// The partition, region and account a caller acts in. Data of different scopes never mixes.
public sealed record AccountScope(string Partition, string Region, string AccountId)
{
    public static AccountScope For(string region, string accountId) => new(PartitionOf(region), region, accountId);

    static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    public string Prefix => $"arn:{Partition}:ssm-contacts:{Region}:{AccountId}:";
}
