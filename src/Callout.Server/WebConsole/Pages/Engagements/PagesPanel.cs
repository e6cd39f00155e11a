namespace Callout.Server.WebConsole.Pages.Engagements;

/// What the `_Pages` partial shows: an engagement's pages with their receipts, and whether the
/// person may acknowledge them.
sealed record PagesPanel(IReadOnlyList<PageView> Pages, bool MayAcknowledge);
