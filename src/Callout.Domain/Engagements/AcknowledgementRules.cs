using Callout.Domain.Contacts;

namespace Callout.Domain.Engagements;

/// What a READ does (docs/spec/domain.md §3.5). The person who read is never paged again in this
/// engagement. Engaging a person or a schedule directly ends at the first READ; an escalation ends
/// only when someone reached through an essential target reads.
public static class AcknowledgementRules
{
    public static bool StopsEngagement(Engagement engagement, Page page) =>
        engagement.RootKind != ContactKind.Escalation || page.Essential;
}
