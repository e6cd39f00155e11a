namespace Callout.Domain.Arns;

public enum ResourceKind
{
    Contact,
    ContactChannel,
    Engagement,
    Page,
    Rotation,
}
