namespace Callout.Server.Pagination;

static class PageSize
{
    const int Default = 50;

    /// MaxResults absent or 0 means the default page (spec/protocol.md §6); the model caps it at 1024.
    public static int Of(int? maxResults) => maxResults is null or 0 ? Default : maxResults.Value;
}
