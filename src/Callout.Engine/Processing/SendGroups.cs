namespace Callout.Engine.Processing;

/// Splits a claim's sends into groups that StepProcessor.SendPagesAsync runs together: one scope
/// per group (a session is one scope's), each page at most once per group (the group reads every
/// page's state before it writes any, so two attempts of one page must not share it), and at most
/// `size` sends. Sends keep their claim order within and across groups.
public static class SendGroups
{
    public static IReadOnlyList<IReadOnlyList<ClaimedSend>> Of(IEnumerable<ClaimedSend> sends, int size)
    {
        ArgumentNullException.ThrowIfNull(sends);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var groups = new List<(List<ClaimedSend> Sends, HashSet<string> Pages)>();
        foreach (var send in sends)
        {
            ArgumentNullException.ThrowIfNull(send, nameof(sends));
            var page = send.Step.PageId;
            var group = groups.FirstOrDefault(g => g.Sends.Count < size && g.Sends[0].Scope == send.Scope && !g.Pages.Contains(page));
            if (group.Sends is null)
            {
                group = ([], new HashSet<string>(StringComparer.Ordinal));
                groups.Add(group);
            }
            group.Sends.Add(send);
            group.Pages.Add(page);
        }
        return [.. groups.Select(g => (IReadOnlyList<ClaimedSend>)g.Sends)];
    }
}
