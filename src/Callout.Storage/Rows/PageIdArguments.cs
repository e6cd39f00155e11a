namespace Callout.Storage.Rows;

/// The pages a session is opened on (IContactStore.OpenPagesAsync), checked the same way by both stores.
internal static class PageIdArguments
{
    public static void Check(IReadOnlyCollection<string> pageIds)
    {
        ArgumentNullException.ThrowIfNull(pageIds);
        ArgumentOutOfRangeException.ThrowIfZero(pageIds.Count, nameof(pageIds));
        foreach (var pageId in pageIds)
        {
            ArgumentException.ThrowIfNullOrEmpty(pageId, nameof(pageIds));
        }
    }
}
