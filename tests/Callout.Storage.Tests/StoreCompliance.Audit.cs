using Callout.Domain.Arns;
using Callout.Domain.Audit;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task an_audit_record_is_listed_with_every_field_as_written()
    {
        var record = Audit(Scope, T0, "CreateContact", "arn:aws:ssm-contacts:us-east-1:1:contact/jane") with
        {
            Caller = "AKIDEXAMPLE",
            SourceAddress = "192.0.2.7",
            RequestId = "req-1",
            Outcome = "ConflictException",
        };
        await CommitAsync(s => s.AppendAuditAsync(record, None));

        var listed = await QueryAsync(s => s.ListAuditAsync(All(), None));

        var (_, found) = Assert.Single(listed);
        Assert.Equal(record, found);
    }

    [Fact]
    public async Task audit_records_are_listed_newest_first_and_only_in_their_own_scope()
    {
        var other = AccountScope.For("us-east-1", NewAccountId());
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        await CommitAsync(s => s.AppendAuditAsync(Audit(Scope, T0, "CreateContact", "a"), None));
        await CommitAsync(other, s => s.AppendAuditAsync(Audit(other, T0, "CreateContact", "x"), None));
        await CommitAsync(otherRegion, s => s.AppendAuditAsync(Audit(otherRegion, T0, "CreateContact", "y"), None));
        await CommitAsync(s => s.AppendAuditAsync(Audit(Scope, T0 + Duration.FromSeconds(1), "DeleteContact", "a"), None));

        var listed = await QueryAsync(s => s.ListAuditAsync(All(), None));

        Assert.Equal(["DeleteContact", "CreateContact"], listed.Select(l => l.Record.Operation));
        Assert.True(listed[0].Sequence > listed[1].Sequence);
        Assert.Equal("x", Assert.Single(await QueryAsync(other, s => s.ListAuditAsync(All(), None))).Record.ResourceArn);
    }

    [Fact]
    public async Task audit_records_are_filtered_by_time_range_operation_and_resource()
    {
        await CommitAsync(async s =>
        {
            await s.AppendAuditAsync(Audit(Scope, T0, "CreateContact", "a"), None);
            await s.AppendAuditAsync(Audit(Scope, T0 + Duration.FromMinutes(1), "TagResource", "a"), None);
            await s.AppendAuditAsync(Audit(Scope, T0 + Duration.FromMinutes(2), "TagResource", "b"), None);
            await s.AppendAuditAsync(Audit(Scope, T0 + Duration.FromMinutes(3), "DeleteContact", "a"), None);
        });

        async Task<string[]> List(AuditQuery q) =>
            (await QueryAsync(s => s.ListAuditAsync(q, None))).Select(l => l.Record.Operation + ":" + l.Record.ResourceArn).ToArray();

        Assert.Equal(["TagResource:b", "TagResource:a"],
            await List(All() with { From = T0 + Duration.FromMinutes(1), To = T0 + Duration.FromMinutes(3) }));
        Assert.Equal(["TagResource:b", "TagResource:a"], await List(All() with { Operation = "TagResource" }));
        Assert.Equal(["DeleteContact:a", "TagResource:a", "CreateContact:a"], await List(All() with { ResourceArn = "a" }));
        Assert.Equal(["TagResource:a"], await List(All() with { Operation = "TagResource", ResourceArn = "a" }));
        Assert.Empty(await List(All() with { Operation = "UntagResource" }));
    }

    [Fact]
    public async Task audit_records_page_below_the_last_sequence_number_seen()
    {
        await CommitAsync(async s =>
        {
            for (var i = 0; i < 5; i++)
            {
                await s.AppendAuditAsync(Audit(Scope, T0 + Duration.FromSeconds(i), "Op" + i, null), None);
            }
        });

        var first = await QueryAsync(s => s.ListAuditAsync(All() with { Limit = 2 }, None));
        var second = await QueryAsync(s => s.ListAuditAsync(All() with { Limit = 2, Before = first[^1].Sequence }, None));
        var third = await QueryAsync(s => s.ListAuditAsync(All() with { Limit = 2, Before = second[^1].Sequence }, None));

        Assert.Equal(["Op4", "Op3", "Op2", "Op1", "Op0"], first.Concat(second).Concat(third).Select(l => l.Record.Operation));
    }

    [Fact]
    public async Task an_audit_record_of_a_session_rolled_back_is_not_kept()
    {
        await using (var session = await WriteAsync())
        {
            await session.AppendAuditAsync(Audit(Scope, T0, "CreateContact", "gone"), None);
            await session.InsertContactAsync(Personal("gone"), T0, None);
        }

        Assert.Empty(await QueryAsync(s => s.ListAuditAsync(All(), None)));
        Assert.Null(await QueryAsync(s => s.FindContactAsync("gone", None)));
    }

    [Fact]
    public async Task an_audit_record_of_another_scope_is_refused()
    {
        var other = AccountScope.For("us-east-1", NewAccountId());
        await using var session = await WriteAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => session.AppendAuditAsync(Audit(other, T0, "CreateContact", null), None));
    }

    [Fact]
    public async Task purging_removes_only_records_older_than_the_cut_in_batches()
    {
        // Far in the past, so a purge run by another test sharing the database cannot take them
        // and this purge takes nothing of theirs that they still look for.
        var old = Instant.FromUtc(1990, 1, 1, 0, 0);
        var other = AccountScope.For("eu-west-1", NewAccountId());
        await CommitAsync(async s =>
        {
            for (var i = 0; i < 3; i++)
            {
                await s.AppendAuditAsync(Audit(Scope, old + Duration.FromSeconds(i), "Old" + i, null), None);
            }
            await s.AppendAuditAsync(Audit(Scope, old + Duration.FromDays(1), "Kept", null), None);
        });
        await CommitAsync(other, s => s.AppendAuditAsync(Audit(other, old, "OtherOld", null), None));

        var cut = old + Duration.FromHours(1);
        var batches = new List<int>();
        int removed;
        while ((removed = await Store.PurgeAuditAsync(cut, 2, None)) > 0)
        {
            batches.Add(removed);
        }

        Assert.All(batches, b => Assert.InRange(b, 1, 2));
        Assert.True(batches.Sum() >= 4, $"removed {batches.Sum()}");
        Assert.Equal(["Kept"], (await QueryAsync(s => s.ListAuditAsync(All(), None))).Select(l => l.Record.Operation));
        Assert.Empty(await QueryAsync(other, s => s.ListAuditAsync(All(), None)));
    }

    static AuditQuery All() => new(null, null, null, null, null, 100);

    static AuditRecord Audit(AccountScope scope, Instant time, string operation, string? arn) =>
        new(time, scope.AccountId, scope.Region, "AKID", null, operation, arn, Guid.NewGuid().ToString(), AuditRecord.Success);
}
