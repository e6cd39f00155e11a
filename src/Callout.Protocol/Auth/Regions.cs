namespace Callout.Protocol.Auth;

/// The regions a server answers for (`--regions`). A credential scope naming any other region is
/// refused as AWS refuses it, so a caller cannot make up a fresh account scope with every string it
/// signs for. Partition names stand for all their regions (botocore's partitions.json, 2026).
public sealed class Regions
{
    /// The standard `aws` partition: the commercial regions, the default.
    public static readonly IReadOnlyList<string> Aws =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        "af-south-1",
        "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
        "ap-southeast-6", "ap-southeast-7",
        "ca-central-1", "ca-west-1",
        "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
        "eu-west-1", "eu-west-2", "eu-west-3",
        "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
    ];

    public static readonly IReadOnlyList<string> AwsCn = ["cn-north-1", "cn-northwest-1"];

    public static readonly IReadOnlyList<string> AwsUsGov = ["us-gov-east-1", "us-gov-west-1"];

    /// What `--regions` defaults to.
    public static readonly Regions Commercial = new(Aws);

    private static readonly Dictionary<string, IReadOnlyList<string>> Partitions = new(StringComparer.Ordinal)
    {
        ["aws"] = Aws,
        ["aws-cn"] = AwsCn,
        ["aws-us-gov"] = AwsUsGov,
    };

    // A region name as AWS spells them (`us-gov-west-1`, `eusc-de-east-1`), so a hand-made list
    // cannot let odd characters or a 300-character string in.
    private const int MaxLength = 32;

    private readonly HashSet<string> names;

    public Regions(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        this.names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => names;

    public bool Serves(string region) => names.Contains(region);

    /// A comma-separated list of region names and partition names (`aws,eu-isoe-west-1`); null
    /// with a reason when an entry is neither.
    public static Regions? Parse(string value, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        var list = new List<string>();
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Partitions.TryGetValue(entry, out var partition))
            {
                list.AddRange(partition);
            }
            else if (IsRegionName(entry))
            {
                list.Add(entry);
            }
            else
            {
                error = $"'{entry}' is neither a region name (like eu-west-1) nor a partition (aws, aws-cn, aws-us-gov).";
                return null;
            }
        }
        if (list.Count == 0)
        {
            error = "The list names no region.";
            return null;
        }
        error = "";
        return new Regions(list);
    }

    // Lower-case letters and digits in dash-separated parts, ending in a number: `us-east-1`.
    private static bool IsRegionName(string value) =>
        value.Length <= MaxLength
        && value.Split('-') is { Length: >= 3 } parts
        && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        && parts[^1].All(char.IsAsciiDigit);
}
