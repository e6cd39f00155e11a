using Callout.Domain.Arns;
using Callout.Domain.Engagements;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task a_page_written_and_committed_is_read_back_with_its_path()
    {
        var page = NewPage(Id(2), Id(1), T0, alias: "joe", essential: false);
        await InsertPagesAsync(page);

        var read = await QueryAsync(s => s.FindPageAsync(Id(2), None));

        Assert.NotNull(read);
        AssertSamePage(page, read);
        Assert.Equal($"arn:aws:ssm-contacts:us-east-1:{Scope.AccountId}:page/joe/{Id(2)}", read.Arn.ToString());
        Assert.Equal(ResourceArn.Channel(Scope, "joe", Id(900)), read.ChannelArn);
    }

    [Fact]
    public async Task an_unknown_page_is_not_found()
    {
        Assert.Null(await QueryAsync(s => s.FindPageAsync(Id(1), None)));
    }

    [Fact]
    public async Task a_page_with_an_arn_of_another_contact_is_refused()
    {
        await using var session = await WriteAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            session.InsertPageAsync(NewPage(Id(2), Id(1), T0) with { ContactAlias = "joe" }, None));
    }

    [Fact]
    public async Task updating_a_page_writes_its_sent_delivery_and_read_times()
    {
        var page = NewPage(Id(2), Id(1), T0);
        await InsertPagesAsync(page);

        var sent = page with { SentTime = T0 + Duration.FromSeconds(1) };
        await CommitAsync(s => s.UpdatePageAsync(sent, None));
        Assert.Equal(sent.SentTime, (await QueryAsync(s => s.FindPageAsync(Id(2), None)))!.SentTime);

        var read = sent with { DeliveryTime = T0 + Duration.FromSeconds(2), ReadTime = T0 + Duration.FromSeconds(3) };
        await CommitAsync(s => s.UpdatePageAsync(read, None));

        AssertSamePage(read, (await QueryAsync(s => s.FindPageAsync(Id(2), None)))!);
    }

    [Fact]
    public async Task pages_of_an_engagement_are_listed_newest_first_with_ties_by_id_descending()
    {
        await InsertPagesAsync(
            NewPage(Id(11), Id(1), T0),
            NewPage(Id(12), Id(1), T0 + Duration.FromMinutes(1), alias: "joe"),
            NewPage(Id(13), Id(1), T0),
            NewPage(Id(14), Id(2), T0 + Duration.FromMinutes(2)));

        var listed = await QueryAsync(s => s.ListPagesAsync(Id(1), null, null, 10, None));

        Assert.Equal([Id(12), Id(13), Id(11)], listed.Select(p => p.Id));
    }

    [Fact]
    public async Task pages_of_a_person_are_listed_across_engagements_newest_first()
    {
        await InsertPagesAsync(
            NewPage(Id(11), Id(1), T0),
            NewPage(Id(12), Id(2), T0 + Duration.FromMinutes(1)),
            NewPage(Id(13), Id(2), T0 + Duration.FromMinutes(2), alias: "joe"),
            NewPage(Id(14), Id(3), T0 + Duration.FromMinutes(3)));

        var listed = await QueryAsync(s => s.ListPagesAsync(null, "jane", null, 10, None));

        Assert.Equal([Id(14), Id(12), Id(11)], listed.Select(p => p.Id));
    }

    [Fact]
    public async Task pages_can_be_listed_for_one_person_within_one_engagement()
    {
        await InsertPagesAsync(
            NewPage(Id(11), Id(1), T0),
            NewPage(Id(12), Id(1), T0 + Duration.FromMinutes(1), alias: "joe"),
            NewPage(Id(13), Id(2), T0 + Duration.FromMinutes(2)),
            NewPage(Id(14), Id(1), T0 + Duration.FromMinutes(3)));

        var listed = await QueryAsync(s => s.ListPagesAsync(Id(1), "jane", null, 10, None));

        Assert.Equal([Id(14), Id(11)], listed.Select(p => p.Id));
    }

    [Fact]
    public async Task listing_pages_page_by_page_after_the_last_creation_time_and_id_visits_each_once()
    {
        var pages = Enumerable.Range(1, 7)
            .Select(i => NewPage(Id(10 + i), Id(1), T0 + Duration.FromSeconds(i is 2 or 3 or 4 ? 2 : i)))
            .ToArray();
        await InsertPagesAsync(pages);
        string[] expected = [Id(17), Id(16), Id(15), Id(14), Id(13), Id(12), Id(11)];

        foreach (var (engagementId, alias) in new (string?, string?)[] { (Id(1), null), (null, "jane"), (Id(1), "jane") })
        {
            var seen = new List<string>();
            (Instant, string)? after = null;
            while (true)
            {
                var page = await QueryAsync(s => s.ListPagesAsync(engagementId, alias, after, 3, None));
                if (page.Count == 0)
                {
                    break;
                }
                Assert.True(page.Count <= 3);
                seen.AddRange(page.Select(p => p.Id));
                after = (page[^1].CreatedAt, page[^1].Id);
            }
            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public async Task listing_pages_needs_an_engagement_or_a_person()
    {
        await using var read = await ReadAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => read.ListPagesAsync(null, null, null, 10, None));
    }

    [Fact]
    public async Task unread_pages_are_those_of_the_engagement_not_yet_read()
    {
        await InsertPagesAsync(
            NewPage(Id(11), Id(1), T0),
            NewPage(Id(12), Id(1), T0 + Duration.FromMinutes(1), alias: "joe"),
            NewPage(Id(13), Id(1), T0 + Duration.FromMinutes(2)) with { ReadTime = T0 + Duration.FromMinutes(3) },
            NewPage(Id(14), Id(2), T0));
        await CommitAsync(async s =>
        {
            var page = (await s.FindPageAsync(Id(12), None))!;
            await s.UpdatePageAsync(page with { SentTime = T0, DeliveryTime = T0 }, None);
        });

        var unread = await QueryAsync(s => s.UnreadPagesAsync(Id(1), null, None));
        var janes = await QueryAsync(s => s.UnreadPagesAsync(Id(1), "jane", None));

        Assert.Equal([Id(11), Id(12)], unread.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal([Id(11)], janes.Select(p => p.Id));
    }

    [Fact]
    public async Task a_page_that_is_read_is_no_longer_unread()
    {
        await InsertPagesAsync(NewPage(Id(11), Id(1), T0));

        await CommitAsync(async s =>
        {
            var page = (await s.FindPageAsync(Id(11), None))!;
            await s.UpdatePageAsync(page with { ReadTime = T0 + Duration.FromMinutes(1) }, None);
        });

        Assert.Empty(await QueryAsync(s => s.UnreadPagesAsync(Id(1), null, None)));
    }

    [Fact]
    public async Task pages_of_another_scope_are_neither_found_listed_nor_updated()
    {
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        await InsertPagesAsync(NewPage(Id(11), Id(1), T0));
        await CommitAsync(otherRegion, s => s.InsertPageAsync(NewPage(Id(12), Id(1), T0, scope: otherRegion), None));

        await CommitAsync(otherRegion, s => s.UpdatePageAsync(NewPage(Id(11), Id(1), T0, scope: otherRegion) with { ReadTime = T0 }, None));

        Assert.Null((await QueryAsync(s => s.FindPageAsync(Id(11), None)))!.ReadTime);
        await using var other = await ReadAsync(otherRegion);
        Assert.Null(await other.FindPageAsync(Id(11), None));
        Assert.Equal([Id(12)], (await other.ListPagesAsync(Id(1), null, null, 10, None)).Select(p => p.Id));
        Assert.Equal([Id(12)], (await other.ListPagesAsync(null, "jane", null, 10, None)).Select(p => p.Id));
        Assert.Equal([Id(12)], (await other.UnreadPagesAsync(Id(1), null, None)).Select(p => p.Id));
    }

    [Fact]
    public async Task receipts_of_a_page_are_listed_in_the_order_they_were_written()
    {
        Receipt[] receipts =
        [
            new(Id(11), Id(900), ReceiptKind.Sent, "sent", T0 + Duration.FromSeconds(5)),
            // An earlier time written later still lists later: the order is the order of writing.
            new(Id(11), Id(900), ReceiptKind.Delivered, null, T0 + Duration.FromSeconds(1)),
            new(Id(11), null, ReceiptKind.Stop, StopReasons.EngagementStopped, T0 + Duration.FromSeconds(9)),
        ];
        await CommitAsync(async s =>
        {
            await s.AddReceiptAsync(receipts[0], None);
            await s.AddReceiptAsync(new Receipt(Id(12), Id(900), ReceiptKind.Error, "boom", T0), None);
        });
        await CommitAsync(async s =>
        {
            await s.AddReceiptAsync(receipts[1], None);
            await s.AddReceiptAsync(receipts[2], None);
        });

        var listed = await QueryAsync(s => s.ListReceiptsAsync(Id(11), null, 10, None));

        Assert.Equal(receipts, listed.Select(r => r.Receipt));
        Assert.True(listed[0].Sequence < listed[1].Sequence && listed[1].Sequence < listed[2].Sequence);
    }

    [Fact]
    public async Task receipts_are_listed_page_by_page_after_a_sequence_number()
    {
        var kinds = new[] { ReceiptKind.Sent, ReceiptKind.Delivered, ReceiptKind.Read, ReceiptKind.Error, ReceiptKind.Stop };
        await CommitAsync(async s =>
        {
            foreach (var (kind, i) in kinds.Select((k, i) => (k, i)))
            {
                await s.AddReceiptAsync(new Receipt(Id(11), Id(900), kind, $"info {i}", T0 + Duration.FromSeconds(i)), None);
            }
        });

        var first = await QueryAsync(s => s.ListReceiptsAsync(Id(11), null, 2, None));
        var second = await QueryAsync(s => s.ListReceiptsAsync(Id(11), first[^1].Sequence, 2, None));
        var third = await QueryAsync(s => s.ListReceiptsAsync(Id(11), second[^1].Sequence, 2, None));
        var past = await QueryAsync(s => s.ListReceiptsAsync(Id(11), third[^1].Sequence, 2, None));

        Assert.Equal(kinds, first.Concat(second).Concat(third).Select(r => r.Receipt.Kind));
        Assert.Equal([2, 2, 1], [first.Count, second.Count, third.Count]);
        Assert.Empty(past);
    }

    [Fact]
    public async Task receipts_of_another_scope_are_not_listed()
    {
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        await CommitAsync(s => s.AddReceiptAsync(new Receipt(Id(11), Id(900), ReceiptKind.Sent, null, T0), None));

        Assert.Empty(await QueryAsync(otherAccount, s => s.ListReceiptsAsync(Id(11), null, 10, None)));
    }

    [Fact]
    public async Task a_person_is_acknowledged_once_they_acknowledge_and_only_in_that_engagement()
    {
        var otherAccount = AccountScope.For("us-east-1", NewAccountId());
        Assert.False(await QueryAsync(s => s.IsAcknowledgedAsync(Id(1), "jane", None)));

        await CommitAsync(s => s.AddAcknowledgementAsync(Id(1), "jane", T0, None));
        // Acknowledging again (another of their pages) changes nothing and does not fail.
        await CommitAsync(s => s.AddAcknowledgementAsync(Id(1), "jane", T0 + Duration.FromMinutes(1), None));

        Assert.False(await QueryAsync(otherAccount, s => s.IsAcknowledgedAsync(Id(1), "jane", None)));
        await using var read = await ReadAsync();
        Assert.True(await read.IsAcknowledgedAsync(Id(1), "jane", None));
        Assert.False(await read.IsAcknowledgedAsync(Id(1), "joe", None));
        Assert.False(await read.IsAcknowledgedAsync(Id(2), "jane", None));
    }

    [Fact]
    public async Task a_delivery_record_is_found_by_its_key_and_putting_it_again_replaces_it()
    {
        var pending = new DeliveryRecord($"{Id(11)}:0", Id(11), DeliveryStatus.Pending, null, T0);
        await CommitAsync(s => s.PutDeliveryAsync(pending, None));
        Assert.Equal(pending, await QueryAsync(s => s.FindDeliveryAsync($"{Id(11)}:0", None)));

        var sent = pending with { Status = DeliveryStatus.Sent, ProviderMessageId = "msg-1", UpdatedAt = T0 + Duration.FromSeconds(1) };
        await CommitAsync(s => s.PutDeliveryAsync(sent, None));

        Assert.Equal(sent, await QueryAsync(s => s.FindDeliveryAsync($"{Id(11)}:0", None)));
        Assert.Null(await QueryAsync(s => s.FindDeliveryAsync($"{Id(11)}:1", None)));
    }

    [Fact]
    public async Task every_delivery_status_is_kept()
    {
        var statuses = Enum.GetValues<DeliveryStatus>();
        await CommitAsync(async s =>
        {
            foreach (var status in statuses)
            {
                await s.PutDeliveryAsync(new DeliveryRecord($"k:{status}", Id(11), status, null, T0), None);
            }
        });

        await using var read = await ReadAsync();
        foreach (var status in statuses)
        {
            Assert.Equal(status, (await read.FindDeliveryAsync($"k:{status}", None))!.Status);
        }
    }

    [Fact]
    public async Task delivery_records_of_another_scope_are_not_found()
    {
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        await CommitAsync(s => s.PutDeliveryAsync(new DeliveryRecord("k", Id(11), DeliveryStatus.Sent, "m", T0), None));
        await CommitAsync(otherRegion, s => s.PutDeliveryAsync(new DeliveryRecord("k", Id(12), DeliveryStatus.Failed, null, T0), None));

        Assert.Equal(Id(11), (await QueryAsync(s => s.FindDeliveryAsync("k", None)))!.PageId);
        Assert.Equal(DeliveryStatus.Failed, (await QueryAsync(otherRegion, s => s.FindDeliveryAsync("k", None)))!.Status);
        Assert.Null(await QueryAsync(AccountScope.For("us-east-1", NewAccountId()), s => s.FindDeliveryAsync("k", None)));
    }
}
