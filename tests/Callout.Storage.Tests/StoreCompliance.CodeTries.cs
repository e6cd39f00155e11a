using Callout.Domain.Arns;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_code_never_tried_has_no_wrong_tries()
    {
        Assert.Equal(0, await QueryAsync(s => s.WrongTriesAsync("accept:nobody", None)));
    }

    [Fact]
    public async Task each_wrong_try_counts_one_more_and_is_read_back_after_commit()
    {
        Assert.Equal(1, await QueryWriteAsync(s => s.AddWrongTryAsync("accept:p1", T0, None)));
        Assert.Equal(2, await QueryWriteAsync(s => s.AddWrongTryAsync("accept:p1", T0 + Duration.FromSeconds(1), None)));

        await using (var session = await WriteAsync())
        {
            Assert.Equal(3, await session.AddWrongTryAsync("accept:p1", T0 + Duration.FromSeconds(2), None));
            Assert.Equal(3, await session.WrongTriesAsync("accept:p1", None));
            await session.CommitAsync(None);
        }

        Assert.Equal(3, await QueryAsync(s => s.WrongTriesAsync("accept:p1", None)));
    }

    [Fact]
    public async Task a_wrong_try_rolled_back_is_not_counted()
    {
        await QueryWriteAsync(s => s.AddWrongTryAsync("activation:abc", T0, None));
        await using (var abandoned = await WriteAsync())
        {
            await abandoned.AddWrongTryAsync("activation:abc", T0, None);
        }

        Assert.Equal(1, await QueryAsync(s => s.WrongTriesAsync("activation:abc", None)));
    }

    [Fact]
    public async Task wrong_tries_are_counted_per_code_and_per_account()
    {
        var other = AccountScope.For("us-east-1", NewAccountId());
        await QueryWriteAsync(s => s.AddWrongTryAsync("accept:p1", T0, None));
        await QueryWriteAsync(s => s.AddWrongTryAsync("accept:p1", T0, None));

        Assert.Equal(0, await QueryAsync(s => s.WrongTriesAsync("accept:p2", None)));
        Assert.Equal(0, await QueryAsync(other, s => s.WrongTriesAsync("accept:p1", None)));
        await CommitAsync(other, async s => Assert.Equal(1, await s.AddWrongTryAsync("accept:p1", T0, None)));
        Assert.Equal(2, await QueryAsync(s => s.WrongTriesAsync("accept:p1", None)));
    }

    [Fact]
    public async Task wrong_tries_counted_at_once_by_many_sessions_are_all_kept()
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            QueryWriteAsync(s => s.AddWrongTryAsync("activation:same", T0, None)))));

        Assert.Equal(Enumerable.Range(1, 12), counts.Order());
        Assert.Equal(12, await QueryAsync(s => s.WrongTriesAsync("activation:same", None)));
    }
}
