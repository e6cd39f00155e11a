namespace Callout.Server.Listing;

/// Where a listing continues: the key of the last item the caller has seen (null on the first
/// call), how many items to return, and what the next token is bound to.
sealed class Cursor(CursorTokens tokens, string operation, string filters, string? after, int size)
{
    const int DefaultSize = 50;

    /// MaxResults absent or 0 means the default size (docs/spec/protocol.md §6); the model caps it at 1024.
    public static int SizeOf(int? maxResults) => maxResults is null or 0 ? DefaultSize : maxResults.Value;

    public string? After { get; } = after;

    public int Size { get; } = size;

    /// How many items to fetch: one more than is returned, so the extra one says whether a next
    /// token is due without a second query.
    public int Fetch => Size + 1;

    /// The first Size of rows (fetched with Fetch) and, when more were found, a token that
    /// continues after the last one returned.
    public Slice<T> Take<T>(IReadOnlyList<T> rows, Func<T, string> keyOf)
    {
        var items = rows.Take(Size).ToList();
        return new(items, rows.Count > Size ? Next(keyOf(items[^1])) : null);
    }

    /// A token that continues after the given key.
    public string Next(string key) => tokens.Issue(operation, filters, key);
}

/// What one call of a listing returns: its items and the token for the rest, if any.
readonly record struct Slice<T>(List<T> Items, string? NextToken);
