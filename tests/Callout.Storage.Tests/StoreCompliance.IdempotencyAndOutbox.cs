using System.Text;
using Callout.Domain.Idempotency;
using Callout.Domain.Outbox;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task an_idempotency_record_is_found_until_it_is_older_than_not_before()
    {
        var record = new IdempotencyRecord("CreateContact", "token-1", "hash-1", Encoding.UTF8.GetBytes("{\"ContactArn\":\"x\"}"), T0);
        await CommitAsync(s => s.PutIdempotencyAsync(record, None));

        var fresh = await QueryAsync(s => s.FindIdempotencyAsync("CreateContact", "token-1", T0 - IdempotencyRecord.Lifetime, None));
        var boundary = await QueryAsync(s => s.FindIdempotencyAsync("CreateContact", "token-1", T0, None));
        var expired = await QueryAsync(s => s.FindIdempotencyAsync("CreateContact", "token-1", T0 + Duration.FromMilliseconds(1), None));

        Assert.NotNull(fresh);
        Assert.Equal(record.Operation, fresh.Operation);
        Assert.Equal(record.Token, fresh.Token);
        Assert.Equal(record.RequestHash, fresh.RequestHash);
        Assert.Equal(record.Response, fresh.Response);
        Assert.Equal(record.CreatedAt, fresh.CreatedAt);
        Assert.NotNull(boundary);
        Assert.Null(expired);
    }

    [Fact]
    public async Task putting_an_idempotency_record_again_replaces_it()
    {
        await CommitAsync(s => s.PutIdempotencyAsync(new IdempotencyRecord("CreateContact", "t", "old", [1], T0), None));

        await CommitAsync(s => s.PutIdempotencyAsync(new IdempotencyRecord("CreateContact", "t", "new", [2, 3], T0 + Duration.FromHours(25)), None));

        var found = await QueryAsync(s => s.FindIdempotencyAsync("CreateContact", "t", T0 + Duration.FromHours(2), None));
        Assert.Equal("new", found!.RequestHash);
        Assert.Equal([2, 3], found.Response);
        Assert.Equal(T0 + Duration.FromHours(25), found.CreatedAt);
    }

    [Fact]
    public async Task idempotency_tokens_are_kept_per_operation()
    {
        await CommitAsync(s => s.PutIdempotencyAsync(new IdempotencyRecord("CreateContact", "t", "contact", [1], T0), None));

        Assert.Null(await QueryAsync(s => s.FindIdempotencyAsync("StartEngagement", "t", T0, None)));
        Assert.Null(await QueryAsync(s => s.FindIdempotencyAsync("CreateContact", "other", T0, None)));
        Assert.Equal("contact", (await QueryAsync(s => s.FindIdempotencyAsync("CreateContact", "t", T0, None)))!.RequestHash);
    }

    [Fact]
    public async Task outbox_messages_are_listed_newest_first_across_scopes()
    {
        var other = Callout.Domain.Arns.AccountScope.For("eu-west-1", NewAccountId());
        var ids = Enumerable.Range(1, 4).Select(_ => Guid.NewGuid().ToString()).ToArray();
        await CommitAsync(s => s.AppendOutboxAsync(Message(ids[0], Scope, T0), None));
        await CommitAsync(other, s => s.AppendOutboxAsync(Message(ids[1], other, T0), None));
        await CommitAsync(async s =>
        {
            await s.AppendOutboxAsync(Message(ids[2], Scope, T0 + Duration.FromSeconds(1)), None);
            await s.AppendOutboxAsync(Message(ids[3], Scope, T0 + Duration.FromSeconds(1)), None);
        });

        var listed = await Store.ListOutboxAsync(100, None);

        // Other tests may share a backend's database, so only this test's messages are compared.
        var mine = listed.Where(m => ids.Contains(m.Id)).ToList();
        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], mine.Select(m => m.Id));
        var second = mine[2];
        Assert.Equal(other.AccountId, second.AccountId);
        Assert.Equal("eu-west-1", second.Region);
        Assert.Equal(Message(ids[1], other, T0), second);
    }

    [Fact]
    public async Task the_outbox_of_one_scope_lists_only_that_account_and_regions_messages_newest_first()
    {
        var otherAccount = Callout.Domain.Arns.AccountScope.For(Scope.Region, NewAccountId());
        var otherRegion = Callout.Domain.Arns.AccountScope.For(Scope.Region == "eu-west-1" ? "us-east-1" : "eu-west-1", Scope.AccountId);
        var ids = Enumerable.Range(1, 4).Select(_ => Guid.NewGuid().ToString()).ToArray();
        await CommitAsync(s => s.AppendOutboxAsync(Message(ids[0], Scope, T0), None));
        await CommitAsync(otherAccount, s => s.AppendOutboxAsync(Message(ids[1], otherAccount, T0), None));
        await CommitAsync(otherRegion, s => s.AppendOutboxAsync(Message(ids[2], otherRegion, T0), None));
        await CommitAsync(s => s.AppendOutboxAsync(Message(ids[3], Scope, T0 + Duration.FromSeconds(1)), None));

        Assert.Equal([ids[3], ids[0]], (await Store.ListOutboxAsync(Scope, 100, None)).Select(m => m.Id));
        Assert.Equal([ids[1]], (await Store.ListOutboxAsync(otherAccount, 100, None)).Select(m => m.Id));
        Assert.Equal([ids[2]], (await Store.ListOutboxAsync(otherRegion, 100, None)).Select(m => m.Id));
        // The limit counts the scope's own messages, not the newest of the whole outbox.
        Assert.Equal([ids[3]], (await Store.ListOutboxAsync(Scope, 1, None)).Select(m => m.Id));
    }

    [Fact]
    public async Task an_outbox_message_keeps_the_arns_of_whom_it_is_for()
    {
        var prefix = Scope.Prefix;
        var activation = Message(Guid.NewGuid().ToString(), Scope, T0) with
        {
            ContactArn = prefix + "contact/jane",
            ChannelArn = prefix + "contact-channel/jane/" + Guid.NewGuid(),
        };
        var page = Message(Guid.NewGuid().ToString(), Scope, T0 + Duration.FromSeconds(1)) with
        {
            Kind = "PAGE",
            ContactArn = prefix + "contact/jane",
            ChannelArn = prefix + "contact-channel/jane/" + Guid.NewGuid(),
            PageArn = prefix + "page/jane/" + Guid.NewGuid(),
            EngagementArn = prefix + "engagement/jane/" + Guid.NewGuid(),
        };
        await CommitAsync(async s =>
        {
            await s.AppendOutboxAsync(activation, None);
            await s.AppendOutboxAsync(page, None);
        });

        var listed = await Store.ListOutboxAsync(100, None);

        Assert.Equal(page, listed.Single(m => m.Id == page.Id));
        Assert.Equal(activation, listed.Single(m => m.Id == activation.Id));
    }

    [Fact]
    public async Task the_outbox_lists_at_most_the_limit()
    {
        await CommitAsync(async s =>
        {
            for (var i = 0; i < 5; i++)
            {
                await s.AppendOutboxAsync(Message(Guid.NewGuid().ToString(), Scope, T0), None);
            }
        });

        Assert.Equal(3, (await Store.ListOutboxAsync(3, None)).Count);
    }

    [Fact]
    public async Task an_outbox_message_that_was_not_committed_is_not_listed()
    {
        var id = Guid.NewGuid().ToString();
        await using (var session = await WriteAsync())
        {
            await session.AppendOutboxAsync(Message(id, Scope, T0), None);
        }

        Assert.DoesNotContain(await Store.ListOutboxAsync(100, None), m => m.Id == id);
    }

    static OutboxMessage Message(string id, Callout.Domain.Arns.AccountScope scope, NodaTime.Instant at) =>
        new(id, scope.AccountId, scope.Region, "ACTIVATION", "EMAIL", "jane@example.com", "Your code", "Code: 123456", at);
}
