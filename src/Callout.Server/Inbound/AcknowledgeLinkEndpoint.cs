using Callout.Engine.Acknowledgement;
using Callout.Server.Audit;

namespace Callout.Server.Inbound;

/// The link in a page email (`/_callout/ack/{token}`). Opening it only shows the page and an
/// Acknowledge button: mail scanners follow links, so a GET must never acknowledge. The button
/// posts back to the same URL, which records READ; the signed token stands in for the code. Once
/// the engagement has ended (stopped, acknowledged or run its course) the link only says so.
sealed class AcknowledgeLinkEndpoint(PageAcceptance pages)
{
    public async Task<IResult> ShowAsync(HttpResponse response, string token, CancellationToken ct)
    {
        AckHtml.Protect(response);
        if (await pages.FindAsync(token, ct) is not { } found)
        {
            return AckHtml.NotFound();
        }
        return found.Engagement.Running ? AckHtml.Confirm(found.Page, found.Engagement) : AckHtml.NoLongerOpen();
    }

    public async Task<IResult> AcknowledgeAsync(HttpResponse response, string token, CancellationToken ct)
    {
        AckHtml.Protect(response);
        if (await pages.FindAsync(token, ct) is not { } found)
        {
            return AckHtml.NotFound();
        }
        return (await pages.AcceptWhileRunningAsync(found.Scope, found.Page.Id, AcceptKind.Read, note: null,
            InboundCall.Of(InboundCall.AcknowledgeLink, response.HttpContext), ct)).Outcome switch
        {
            PageAcceptance.LinkOutcome.Accepted => AckHtml.Acknowledged(found.Engagement),
            PageAcceptance.LinkOutcome.Ended => AckHtml.NoLongerOpen(),
            _ => AckHtml.NotFound(),
        };
    }
}
