using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Domain.Ports;
using Callout.Engine.Acknowledgement;
using Callout.Engine.Processing;
using Callout.Server.Audit;
using NodaTime;

namespace Callout.Server.Inbound;

/// AcceptPage on behalf of a person who answered through a provider: a link, a reply, a keypress
/// or a provider's delivery report. Each runs in its own transaction in the page's scope, with its
/// audit record.
sealed class PageAcceptance(IStore store, EngagementActions actions, EngineSecrets secrets, AuditLog audit, TimeProvider time)
{
    public Instant Now() => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// Null when the page does not exist (any more). With no `code` the page's own code is used:
    /// the caller proved the right to act on the page some other way (a signed token or link).
    public async Task<Page?> AcceptAsync(AccountScope scope, string pageId, AcceptKind kind, string? code, string? note, InboundCall call, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await session.FindPageAsync(pageId, ct) is not { } page)
        {
            return null;
        }
        var enforce = code is not null;
        code ??= await CodeAsync(page, ct);
        var now = Now();
        await actions.AcceptAsync(session, page, kind, code, note, enforce, now, ct);
        var record = call.RecordFor(page, now);
        await session.AppendAuditAsync(record, ct);
        await session.CommitAsync(ct);
        audit.Stored(record);
        return page;
    }

    public enum LinkOutcome
    {
        Accepted,
        NotFound,
        Ended,
    }

    /// AcceptAsync for a holder of the page's signed token (email link, webhook, call): the token
    /// works only while the page's engagement runs, so a link left in a mailbox stops acting once
    /// the engagement is over (docs/security.md, Secrets at rest). The engagement is read under its
    /// lock, so one that ends meanwhile is seen ended.
    public async Task<(LinkOutcome Outcome, Page? Page)> AcceptWhileRunningAsync(
        AccountScope scope, string pageId, AcceptKind kind, string? note, InboundCall call, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await session.FindPageAsync(pageId, ct) is not { } page)
        {
            return (LinkOutcome.NotFound, null);
        }
        await session.LockEngagementAsync(page.EngagementId, ct);
        if (await session.FindEngagementAsync(page.EngagementId, ct) is not { Running: true })
        {
            return (LinkOutcome.Ended, page);
        }
        var now = Now();
        await actions.AcceptAsync(session, page, kind, await CodeAsync(page, ct), note, enforceCode: false, now, ct);
        var record = call.RecordFor(page, now);
        await session.AppendAuditAsync(record, ct);
        await session.CommitAsync(ct);
        audit.Stored(record);
        return (LinkOutcome.Accepted, page);
    }

    public async Task<string> CodeAsync(Page page, CancellationToken ct) => AcceptCodes.For(await secrets.AcceptCodesAsync(ct), page.Arn.ToString());

    /// The page and its engagement behind an acknowledgement token; null for a forged or unknown one.
    public async Task<(AccountScope Scope, Page Page, Engagement Engagement)?> FindAsync(string token, CancellationToken ct)
    {
        if (!AcknowledgeLinks.TryRead(await secrets.LinksAsync(ct), token, out var scope, out var pageId))
        {
            return null;
        }
        await using var session = await store.OpenAsync(scope, write: false, ct);
        var page = await session.FindPageAsync(pageId, ct);
        var engagement = page is null ? null : await session.FindEngagementAsync(page.EngagementId, ct);
        return page is null || engagement is null ? null : (scope, page, engagement);
    }
}
