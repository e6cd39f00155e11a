using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using Callout.Engine.Processing;
using NodaTime;
using Xunit;

namespace Callout.Tests.Engine;

/// A claim's sends run in groups: one scope per group, a page at most once, a bounded size, and
/// every send in exactly one group, in claim order.
public sealed class SendGroupsTests
{
    static readonly AccountScope A = AccountScope.For("us-east-1", "111122223333");
    static readonly AccountScope B = AccountScope.For("us-east-1", "444455556666");

    static ClaimedSend Send(AccountScope scope, string stepId, string pageId, int attempt = 0) => new(scope,
        new SendPageStep(stepId, "e1", Instant.FromUtc(2025, 3, 1, 12, 0), pageId, "jane",
            "arn:aws:ssm-contacts:us-east-1:111122223333:contact-channel/jane/c1", attempt, [], Essential: false), "node-a/1");

    static string[][] Ids(IReadOnlyList<IReadOnlyList<ClaimedSend>> groups) =>
        [.. groups.Select(g => g.Select(c => c.Step.Id).ToArray())];

    [Fact]
    public void sends_of_one_scope_on_distinct_pages_run_together_up_to_the_size()
    {
        var sends = Enumerable.Range(0, 5).Select(i => Send(A, "s" + i, "p" + i)).ToList();

        Assert.Equal([["s0", "s1"], ["s2", "s3"], ["s4"]], Ids(SendGroups.Of(sends, 2)));
        Assert.Equal([["s0", "s1", "s2", "s3", "s4"]], Ids(SendGroups.Of(sends, 16)));
    }

    [Fact]
    public void scopes_never_share_a_group()
    {
        var sends = new[] { Send(A, "a1", "p1"), Send(B, "b1", "p2"), Send(A, "a2", "p3"), Send(B, "b2", "p4") };

        var groups = SendGroups.Of(sends, 16);

        Assert.Equal([["a1", "a2"], ["b1", "b2"]], Ids(groups));
        Assert.All(groups, g => Assert.Single(g.Select(c => c.Scope).Distinct()));
    }

    [Fact]
    public void two_attempts_of_one_page_go_to_different_groups()
    {
        var sends = new[] { Send(A, "s1", "p1"), Send(A, "s2", "p1", attempt: 1), Send(A, "s3", "p2"), Send(A, "s4", "p1", attempt: 2) };

        Assert.Equal([["s1", "s3"], ["s2"], ["s4"]], Ids(SendGroups.Of(sends, 16)));
    }

    [Fact]
    public void no_sends_make_no_groups_and_a_size_below_one_is_refused()
    {
        Assert.Empty(SendGroups.Of([], 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => SendGroups.Of([Send(A, "s1", "p1")], 0));
    }
}
