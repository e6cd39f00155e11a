using Callout.Domain.Alerts;
using Callout.Domain.Arns;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    AlertSource Source(string id, string key, int minute, AccountScope? scope = null, AlertFormat format = AlertFormat.Alertmanager,
        string? hmac = null, IReadOnlyList<string>? topics = null) =>
        new(scope ?? Scope, id, "source " + id, format,
            $"arn:aws:ssm-incidents::{(scope ?? Scope).AccountId}:response-plan/plan-{id}",
            AlertSourceKey.Hash(key), hmac, topics ?? [], T0.Plus(Duration.FromMinutes(minute)));

    Task InsertSourcesAsync(AccountScope scope, params AlertSource[] sources) => CommitAsync(scope, async s =>
    {
        foreach (var source in sources)
        {
            await s.InsertAlertSourceAsync(source, None);
        }
    });

    [Fact]
    public async Task an_alert_source_is_found_by_its_key_hash_with_every_field_it_was_stored_with()
    {
        var key = AlertSourceKey.New();
        var topics = new[] { "arn:aws:sns:eu-west-1:123456789012:alarms", "arn:aws:sns:us-east-1:123456789012:other" };
        await InsertSourcesAsync(Scope,
            Source(Id(1), key, 0, format: AlertFormat.Sns, topics: topics),
            Source(Id(2), AlertSourceKey.New(), 1, format: AlertFormat.Grafana, hmac: "s3cret"));

        var found = await Store.FindAlertSourceAsync(AlertSourceKey.Hash(key), None);

        Assert.NotNull(found);
        Assert.Equal(Id(1), found.Id);
        Assert.Equal(Scope, found.Scope);
        Assert.Equal("source " + Id(1), found.Name);
        Assert.Equal(AlertFormat.Sns, found.Format);
        Assert.Equal($"arn:aws:ssm-incidents::{Scope.AccountId}:response-plan/plan-{Id(1)}", found.ResponsePlanArn);
        Assert.Equal(AlertSourceKey.Hash(key), found.KeyHash);
        Assert.Null(found.GrafanaHmacSecret);
        Assert.Equal(topics, found.SnsTopicArns);
        Assert.Equal(T0, found.CreatedAt);
        var grafana = await QueryAsync(s => s.FindAlertSourceByIdAsync(Id(2), None));
        Assert.Equal(AlertFormat.Grafana, grafana?.Format);
        Assert.Equal("s3cret", grafana?.GrafanaHmacSecret);
        Assert.Empty(grafana!.SnsTopicArns);
    }

    [Theory]
    [InlineData(AlertFormat.Alertmanager)]
    [InlineData(AlertFormat.PagerDuty)]
    [InlineData(AlertFormat.Grafana)]
    [InlineData(AlertFormat.Sns)]
    [InlineData(AlertFormat.Generic)]
    public async Task every_alert_format_is_stored_and_read_back(AlertFormat format)
    {
        await InsertSourcesAsync(Scope, Source(Id(1), AlertSourceKey.New(), 0, format: format));

        Assert.Equal(format, (await QueryAsync(s => s.FindAlertSourceByIdAsync(Id(1), None)))?.Format);
    }

    [Fact]
    public async Task an_unknown_key_finds_no_alert_source()
    {
        await InsertSourcesAsync(Scope, Source(Id(1), AlertSourceKey.New(), 0));

        Assert.Null(await Store.FindAlertSourceAsync(AlertSourceKey.Hash(AlertSourceKey.New()), None));
        Assert.Null(await QueryAsync(s => s.FindAlertSourceByIdAsync(Id(2), None)));
    }

    [Fact]
    public async Task the_store_keeps_the_alert_source_key_hash_not_the_key()
    {
        var key = AlertSourceKey.New();
        await InsertSourcesAsync(Scope, Source(Id(1), key, 0));

        var listed = Assert.Single(await QueryAsync(s => s.ListAlertSourcesAsync(null, 10, None)));

        Assert.Equal(AlertSourceKey.Hash(key), listed.KeyHash);
        Assert.NotEqual(System.Text.Encoding.ASCII.GetBytes(key), listed.KeyHash);
    }

    [Fact]
    public async Task alert_sources_list_oldest_first_and_page_after_a_position()
    {
        await InsertSourcesAsync(Scope, Source(Id(3), AlertSourceKey.New(), 2), Source(Id(1), AlertSourceKey.New(), 0),
            Source(Id(2), AlertSourceKey.New(), 0));

        var first = await QueryAsync(s => s.ListAlertSourcesAsync(null, 2, None));
        var rest = await QueryAsync(s => s.ListAlertSourcesAsync((first[^1].CreatedAt, first[^1].Id), 2, None));

        Assert.Equal([Id(1), Id(2)], first.Select(f => f.Id));
        Assert.Equal([Id(3)], rest.Select(f => f.Id));
    }

    [Fact]
    public async Task a_deleted_alert_source_is_no_longer_found_by_its_key()
    {
        var key = AlertSourceKey.New();
        await InsertSourcesAsync(Scope, Source(Id(1), key, 0));

        Assert.Equal(1, await QueryAsync(s => s.CountAlertSourcesAsync(None)));
        Assert.True(await QueryWriteAsync(s => s.DeleteAlertSourceAsync(Id(1), None)));

        Assert.Equal(0, await QueryAsync(s => s.CountAlertSourcesAsync(None)));

        Assert.Null(await Store.FindAlertSourceAsync(AlertSourceKey.Hash(key), None));
        Assert.Null(await QueryAsync(s => s.FindAlertSourceByIdAsync(Id(1), None)));
        Assert.Empty(await QueryAsync(s => s.ListAlertSourcesAsync(null, 10, None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteAlertSourceAsync(Id(1), None)));
    }

    [Fact]
    public async Task another_scopes_alert_sources_are_neither_found_by_id_listed_nor_deleted()
    {
        var otherAccount = AccountScope.For(Scope.Region, NewAccountId());
        var otherRegion = AccountScope.For("eu-west-1", Scope.AccountId);
        var key = AlertSourceKey.New();
        await InsertSourcesAsync(otherAccount, Source(Id(1), key, 0, scope: otherAccount));
        await InsertSourcesAsync(otherRegion, Source(Id(2), AlertSourceKey.New(), 0, scope: otherRegion));

        Assert.Empty(await QueryAsync(s => s.ListAlertSourcesAsync(null, 10, None)));
        Assert.Equal(0, await QueryAsync(s => s.CountAlertSourcesAsync(None)));
        Assert.Null(await QueryAsync(s => s.FindAlertSourceByIdAsync(Id(1), None)));
        Assert.Null(await QueryAsync(s => s.FindAlertSourceByIdAsync(Id(2), None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteAlertSourceAsync(Id(1), None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteAlertSourceAsync(Id(2), None)));

        var found = await Store.FindAlertSourceAsync(AlertSourceKey.Hash(key), None);
        Assert.Equal(otherAccount, found?.Scope);
    }

    [Fact]
    public async Task an_alert_source_key_hash_already_stored_is_refused()
    {
        var key = AlertSourceKey.New();
        await InsertSourcesAsync(Scope, Source(Id(1), key, 0));

        await Assert.ThrowsAnyAsync<Exception>(() => InsertSourcesAsync(Scope, Source(Id(2), key, 1)));

        Assert.Equal(Id(1), (await Store.FindAlertSourceAsync(AlertSourceKey.Hash(key), None))?.Id);
        Assert.Null(await QueryAsync(s => s.FindAlertSourceByIdAsync(Id(2), None)));
    }
}
