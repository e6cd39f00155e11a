using Callout.Domain.Arns;
using Callout.Domain.CalendarFeeds;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    CalendarFeed Feed(string id, string token, int minute, AccountScope? scope = null, ResourceArn? target = null) =>
        new(scope ?? Scope, id, target ?? new ResourceArn(scope ?? Scope, ResourceKind.Rotation, Id(100)),
            FeedToken.Hash(token), T0.Plus(Duration.FromMinutes(minute)));

    Task InsertFeedsAsync(AccountScope scope, params CalendarFeed[] feeds) => CommitAsync(scope, async s =>
    {
        foreach (var feed in feeds)
        {
            await s.InsertCalendarFeedAsync(feed, None);
        }
    });

    [Fact]
    public async Task a_calendar_feed_is_found_by_its_token_hash_with_its_scope_and_target()
    {
        var token = FeedToken.New();
        var contact = ResourceArn.Contact(Scope, "jane");
        await InsertFeedsAsync(Scope, Feed(Id(1), token, 0), Feed(Id(2), FeedToken.New(), 1, target: contact));

        var found = await Store.FindCalendarFeedAsync(FeedToken.Hash(token), None);

        Assert.NotNull(found);
        Assert.Equal(Id(1), found.Id);
        Assert.Equal(Scope, found.Scope);
        Assert.Equal(new ResourceArn(Scope, ResourceKind.Rotation, Id(100)), found.Target);
        Assert.Equal(T0, found.CreatedAt);
        var listed = await QueryAsync(s => s.ListCalendarFeedsAsync(null, 10, None));
        Assert.Equal(contact, listed.Single(f => f.Id == Id(2)).Target);
    }

    [Fact]
    public async Task an_unknown_token_finds_no_feed()
    {
        await InsertFeedsAsync(Scope, Feed(Id(1), FeedToken.New(), 0));

        Assert.Null(await Store.FindCalendarFeedAsync(FeedToken.Hash(FeedToken.New()), None));
    }

    [Fact]
    public async Task the_store_keeps_the_token_hash_not_the_token()
    {
        var token = FeedToken.New();
        await InsertFeedsAsync(Scope, Feed(Id(1), token, 0));

        var listed = Assert.Single(await QueryAsync(s => s.ListCalendarFeedsAsync(null, 10, None)));

        Assert.Equal(FeedToken.Hash(token), listed.TokenHash);
        Assert.NotEqual(System.Text.Encoding.ASCII.GetBytes(token), listed.TokenHash);
    }

    [Fact]
    public async Task calendar_feeds_list_oldest_first_and_page_after_a_position()
    {
        await InsertFeedsAsync(Scope, Feed(Id(3), FeedToken.New(), 2), Feed(Id(1), FeedToken.New(), 0), Feed(Id(2), FeedToken.New(), 0));

        var first = await QueryAsync(s => s.ListCalendarFeedsAsync(null, 2, None));
        var rest = await QueryAsync(s => s.ListCalendarFeedsAsync((first[^1].CreatedAt, first[^1].Id), 2, None));

        Assert.Equal([Id(1), Id(2)], first.Select(f => f.Id));
        Assert.Equal([Id(3)], rest.Select(f => f.Id));
    }

    [Fact]
    public async Task a_deleted_calendar_feed_is_no_longer_found_by_its_token()
    {
        var token = FeedToken.New();
        await InsertFeedsAsync(Scope, Feed(Id(1), token, 0));

        Assert.Equal(1, await QueryAsync(s => s.CountCalendarFeedsAsync(None)));
        Assert.True(await QueryWriteAsync(s => s.DeleteCalendarFeedAsync(Id(1), None)));

        Assert.Null(await Store.FindCalendarFeedAsync(FeedToken.Hash(token), None));
        Assert.Empty(await QueryAsync(s => s.ListCalendarFeedsAsync(null, 10, None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteCalendarFeedAsync(Id(1), None)));
    }

    [Fact]
    public async Task another_accounts_calendar_feeds_are_neither_listed_nor_deleted()
    {
        var other = AccountScope.For(Scope.Region, NewAccountId());
        var token = FeedToken.New();
        await InsertFeedsAsync(other, Feed(Id(1), token, 0, scope: other));

        Assert.Empty(await QueryAsync(s => s.ListCalendarFeedsAsync(null, 10, None)));
        Assert.Equal(0, await QueryAsync(s => s.CountCalendarFeedsAsync(None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteCalendarFeedAsync(Id(1), None)));

        var found = await Store.FindCalendarFeedAsync(FeedToken.Hash(token), None);
        Assert.Equal(other, found?.Scope);
        Assert.Equal(other, found?.Target.Scope);
    }

    [Fact]
    public async Task a_token_hash_already_stored_is_refused()
    {
        var token = FeedToken.New();
        await InsertFeedsAsync(Scope, Feed(Id(1), token, 0));

        await Assert.ThrowsAnyAsync<Exception>(() => InsertFeedsAsync(Scope, Feed(Id(2), token, 1)));

        Assert.Equal(Id(1), (await Store.FindCalendarFeedAsync(FeedToken.Hash(token), None))?.Id);
    }
}
