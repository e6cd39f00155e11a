using Callout.Engine.Acknowledgement;
using Callout.Server.Audit;

namespace Callout.Server.Inbound;

/// The link in a page email (`/_callout/ack/{token}`). Opening it only shows the page and an
/// Acknowledge button: mail scanners follow links, so a GET must never acknowledge. The button
/// posts back to the same URL, which records READ; the signed token stands in for the code.
sealed class AcknowledgeLinkEndpoint(PageAcceptance pages)
{
    public async Task<IResult> ShowAsync(HttpResponse response, string token, CancellationToken ct)
    {
        AckHtml.Protect(response);
        if (await pages.FindAsync(token, ct) is not { } found)
        {
            return AckHtml.NotFound();
        }
        return AckHtml.Confirm(found.Page, found.Engagement);
    }

    public async Task<IResult> AcknowledgeAsync(HttpResponse response, string token, CancellationToken ct)
    {
        AckHtml.Protect(response);
        if (await pages.FindAsync(token, ct) is not { } found
            || await pages.AcceptAsync(found.Scope, found.Page.Id, AcceptKind.Read, code: null, note: null,
                InboundCall.Of(InboundCall.AcknowledgeLink, response.HttpContext), ct) is null)
        {
            return AckHtml.NotFound();
        }
        return AckHtml.Acknowledged(found.Engagement);
    }
}
