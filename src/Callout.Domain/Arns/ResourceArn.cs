using System.Diagnostics.CodeAnalysis;

namespace Callout.Domain.Arns;

/// An ssm-contacts ARN: `arn:{partition}:ssm-contacts:{region}:{account}:{kind}/{path}`.
/// Path is the alias for contacts, `{alias}/{uuid}` for channels, engagements and pages, and a
/// uuid for rotations (docs/spec/protocol.md §5).
public sealed record ResourceArn(AccountScope Scope, ResourceKind Kind, string Path)
{
    static readonly (string Prefix, ResourceKind Kind)[] Kinds =
    [
        ("contact/", ResourceKind.Contact),
        ("contact-channel/", ResourceKind.ContactChannel),
        // The IAM reference spells it without the hyphen; accept both, emit the hyphenated form.
        ("contactchannel/", ResourceKind.ContactChannel),
        ("engagement/", ResourceKind.Engagement),
        ("page/", ResourceKind.Page),
        ("rotation/", ResourceKind.Rotation),
    ];

    public static ResourceArn Contact(AccountScope scope, string alias) => new(scope, ResourceKind.Contact, alias);

    public static ResourceArn Channel(AccountScope scope, string alias, string id) =>
        new(scope, ResourceKind.ContactChannel, alias + "/" + id);

    /// The alias of a contact, or the owning contact's alias for channels, engagements and pages.
    public string Alias => Kind == ResourceKind.Rotation ? "" : Path.Split('/')[0];

    /// The uuid of a channel, engagement, page or rotation.
    public string Id => Kind == ResourceKind.Contact ? "" : Path[(Path.LastIndexOf('/') + 1)..];

    public override string ToString() => Scope.Prefix + KindText(Kind) + Path;

    public static bool TryParse(string text, [NotNullWhen(true)] out ResourceArn? arn)
    {
        arn = null;
        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "ssm-contacts"
            || parts[3].Length == 0 || parts[4].Length == 0)
        {
            return false;
        }
        var scope = new AccountScope(parts[1], parts[3], parts[4]);
        foreach (var (prefix, kind) in Kinds)
        {
            if (!parts[5].StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var path = parts[5][prefix.Length..];
            var segments = path.Split('/');
            var expected = kind is ResourceKind.Contact or ResourceKind.Rotation ? 1 : 2;
            if (segments.Length != expected || segments.Any(s => s.Length == 0))
            {
                return false;
            }
            arn = new ResourceArn(scope, kind, path);
            return true;
        }
        return false;
    }

    static string KindText(ResourceKind kind) => kind switch
    {
        ResourceKind.Contact => "contact/",
        ResourceKind.ContactChannel => "contact-channel/",
        ResourceKind.Engagement => "engagement/",
        ResourceKind.Page => "page/",
        ResourceKind.Rotation => "rotation/",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
