using Callout.Domain.Arns;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    const string Caller = "arn:aws:iam::111122223333:root";

    static Incident NewIncident(string id, string dedupe = "", Instant? at = null, int impact = 3,
        IncidentStatus status = IncidentStatus.Open, string createdBy = Caller) =>
        new(id, "plan", "arn:aws:ssm-incidents::111122223333:response-plan/plan", "Title " + id, "Summary", impact, status, dedupe,
            new IncidentSource(createdBy, null, null, "callout.test"), "us-east-1", """{"empty":{}}""", """[{"snsTopicArn":"t"}]""",
            at ?? T0, status == IncidentStatus.Resolved ? (at ?? T0) + Duration.FromMinutes(1) : null, createdBy, at ?? T0);

    static IncidentEvent NewEvent(string incidentId, string eventId, Instant at, string type = "Custom Event") =>
        new(incidentId, eventId, type, "data " + eventId, """[{"resource":"arn:aws:s3:::b"}]""", at, at);

    [Fact]
    public async Task an_incident_is_read_back_as_written()
    {
        var incident = NewIncident(Id(1), "key") with { Source = new IncidentSource(Caller, "invoker", "arn:x", "callout.test") };

        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(incident, None)));

        Assert.Equal(incident, await QueryAsync(s => s.FindIncidentAsync(Id(1), None)));
        Assert.Equal(incident, await QueryAsync(s => s.FindOpenIncidentAsync("key", None)));
    }

    [Fact]
    public async Task a_second_open_incident_with_the_same_dedupe_string_is_refused_in_any_region()
    {
        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(1), "key"), None)));
        var elsewhere = AccountScope.For("eu-west-1", Scope.AccountId);

        await using (var session = await WriteAsync(elsewhere))
        {
            Assert.False(await session.InsertIncidentAsync(NewIncident(Id(2), "key"), None));
            // The refusal leaves the session usable: the winner is read and more is written.
            Assert.Equal(Id(1), (await session.FindOpenIncidentAsync("key", None))?.Id);
            await session.InsertIncidentEventAsync(NewEvent(Id(1), Id(9), T0), None);
            await session.CommitAsync(None);
        }

        Assert.Null(await QueryAsync(s => s.FindIncidentAsync(Id(2), None)));
        Assert.Equal([Id(9)], (await QueryAsync(s => s.ListIncidentEventsAsync(Id(1), None))).Select(e => e.EventId));
    }

    [Fact]
    public async Task incidents_without_a_dedupe_string_or_resolved_ones_never_collide()
    {
        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(1)), None)));
        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(2)), None)));
        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(3), "key", status: IncidentStatus.Resolved), None)));
        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(4), "key"), None)));

        Assert.Null(await QueryAsync(s => s.FindOpenIncidentAsync("", None)));
        Assert.Equal(Id(4), (await QueryAsync(s => s.FindOpenIncidentAsync("key", None)))?.Id);
    }

    [Fact]
    public async Task concurrent_starts_with_one_dedupe_string_open_exactly_one_incident()
    {
        // Sessions in different regions of one account are not serialized with each other, so the
        // unique index alone must keep the second open incident out, as a refusal, not an error.
        var regions = new[] { "us-east-1", "eu-west-1", "ap-south-1", "us-west-2", "eu-central-1", "sa-east-1" };
        var results = await Task.WhenAll(regions.Select((region, n) => Task.Run(async () =>
        {
            await using var session = await WriteAsync(AccountScope.For(region, Scope.AccountId));
            var inserted = await session.InsertIncidentAsync(NewIncident(Id(n + 1), "shared"), None);
            var winner = await session.FindOpenIncidentAsync("shared", None);
            await session.CommitAsync(None);
            return (inserted, winner?.Id);
        })));

        Assert.Single(results, r => r.inserted);
        var winnerId = results.Single(r => r.inserted).Id;
        Assert.All(results, r => Assert.Equal(winnerId, r.Item2));
        Assert.Single(await QueryAsync(s => s.ListIncidentsAsync(new IncidentQuery(), null, 10, None)));
    }

    [Fact]
    public async Task an_incident_can_be_resolved_and_reopened_unless_another_took_its_key()
    {
        var first = NewIncident(Id(1), "key");
        await QueryWriteAsync(s => s.InsertIncidentAsync(first, None));
        var resolved = first with { Status = IncidentStatus.Resolved, ResolvedAt = T0 + Duration.FromMinutes(5), Title = "done" };

        Assert.True(await QueryWriteAsync(s => s.UpdateIncidentAsync(resolved, None)));
        Assert.Equal(resolved, await QueryAsync(s => s.FindIncidentAsync(Id(1), None)));

        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(2), "key"), None)));
        await using (var session = await WriteAsync())
        {
            Assert.False(await session.UpdateIncidentAsync(resolved with { Status = IncidentStatus.Open }, None));
            // Still usable after the refusal.
            Assert.True(await session.UpdateIncidentAsync(resolved with { Title = "renamed" }, None));
            await session.CommitAsync(None);
        }
        Assert.Equal("renamed", (await QueryAsync(s => s.FindIncidentAsync(Id(1), None)))?.Title);
        Assert.Equal(IncidentStatus.Resolved, (await QueryAsync(s => s.FindIncidentAsync(Id(1), None)))?.Status);
    }

    [Fact]
    public async Task incidents_list_newest_first_with_filters_and_pages()
    {
        await CommitAsync(async s =>
        {
            await s.InsertIncidentAsync(NewIncident(Id(1), at: T0, impact: 1), None);
            await s.InsertIncidentAsync(NewIncident(Id(2), at: T0 + Duration.FromMinutes(1), impact: 2, status: IncidentStatus.Resolved), None);
            await s.InsertIncidentAsync(NewIncident(Id(3), at: T0 + Duration.FromMinutes(2), impact: 3, createdBy: "arn:other"), None);
            await s.InsertIncidentAsync(NewIncident(Id(4), at: T0 + Duration.FromMinutes(2), impact: 1), None);
        });
        async Task<IEnumerable<string>> Ids(IncidentQuery q, (Instant, string)? after = null, int limit = 10) =>
            (await QueryAsync(s => s.ListIncidentsAsync(q, after, limit, None))).Select(i => i.Id);

        Assert.Equal([Id(4), Id(3), Id(2), Id(1)], await Ids(new IncidentQuery()));
        Assert.Equal([Id(4), Id(3)], await Ids(new IncidentQuery(), limit: 2));
        Assert.Equal([Id(2), Id(1)], await Ids(new IncidentQuery(), (T0 + Duration.FromMinutes(2), Id(3))));
        Assert.Equal([Id(4), Id(1)], await Ids(new IncidentQuery(Impacts: [1])));
        Assert.Equal([Id(2)], await Ids(new IncidentQuery(Statuses: [IncidentStatus.Resolved])));
        Assert.Equal([Id(3)], await Ids(new IncidentQuery(CreatedBy: ["arn:other"])));
        Assert.Equal([Id(4), Id(3)], await Ids(new IncidentQuery(CreatedAfter: T0 + Duration.FromMinutes(1))));
        Assert.Equal([Id(1)], await Ids(new IncidentQuery(CreatedBefore: T0 + Duration.FromMinutes(1))));
        Assert.Equal([Id(2)], await Ids(new IncidentQuery(ResolvedAfter: T0, ResolvedBefore: T0 + Duration.FromHours(1))));
        Assert.Empty(await Ids(new IncidentQuery(Impacts: [])));
        Assert.Equal([Id(4), Id(3)], await Ids(new IncidentQuery(Impacts: [1, 3], Statuses: [IncidentStatus.Open], CreatedAfter: T0)));
    }

    [Fact]
    public async Task incidents_of_other_accounts_are_invisible_and_every_region_of_the_account_sees_them()
    {
        await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(1), "key"), None));
        var other = AccountScope.For("us-east-1", NewAccountId());

        Assert.Null(await QueryAsync(other, s => s.FindIncidentAsync(Id(1), None)));
        Assert.Null(await QueryAsync(other, s => s.FindOpenIncidentAsync("key", None)));
        Assert.Empty(await QueryAsync(other, s => s.ListIncidentsAsync(new IncidentQuery(), null, 10, None)));
        await using (var session = await WriteAsync(other))
        {
            Assert.True(await session.InsertIncidentAsync(NewIncident(Id(2), "key"), None));
            await session.CommitAsync(None);
        }
        Assert.NotNull(await QueryAsync(AccountScope.For("eu-west-1", Scope.AccountId), s => s.FindIncidentAsync(Id(1), None)));
    }

    [Fact]
    public async Task timeline_events_are_written_updated_listed_and_deleted()
    {
        await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(1)), None));
        var late = NewEvent(Id(1), Id(10), T0 + Duration.FromMinutes(2));
        var early = NewEvent(Id(1), Id(11), T0, "Note") with { ReferencesJson = null };
        await CommitAsync(async s =>
        {
            await s.InsertIncidentEventAsync(late, None);
            await s.InsertIncidentEventAsync(early, None);
            // No incident, no event.
            await s.InsertIncidentEventAsync(NewEvent(Id(2), Id(12), T0), None);
        });

        Assert.Equal([early, late], await QueryAsync(s => s.ListIncidentEventsAsync(Id(1), None)));
        Assert.Empty(await QueryAsync(s => s.ListIncidentEventsAsync(Id(2), None)));
        Assert.Equal(late, await QueryAsync(s => s.FindIncidentEventAsync(Id(1), Id(10), None)));

        var changed = late with { EventData = "changed", EventTime = T0 - Duration.FromMinutes(1), UpdatedAt = T0 + Duration.FromHours(1) };
        await CommitAsync(s => s.UpdateIncidentEventAsync(changed, None));
        Assert.Equal([changed, early], await QueryAsync(s => s.ListIncidentEventsAsync(Id(1), None)));

        Assert.True(await QueryWriteAsync(s => s.DeleteIncidentEventAsync(Id(1), Id(10), None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteIncidentEventAsync(Id(1), Id(10), None)));
        Assert.Null(await QueryAsync(s => s.FindIncidentEventAsync(Id(1), Id(10), None)));
        Assert.Null(await QueryAsync(AccountScope.For("us-east-1", NewAccountId()), s => s.FindIncidentEventAsync(Id(1), Id(11), None)));
    }

    [Fact]
    public async Task related_items_are_unique_per_incident_and_kept_in_the_order_added()
    {
        await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(1)), None));
        var a = new IncidentItem(Id(1), "OTHER|url|https://b", """{"identifier":{}}""", T0);
        var b = new IncidentItem(Id(1), "OTHER|url|https://a", """{"identifier":{"x":1}}""", T0 + Duration.FromSeconds(1));

        Assert.True(await QueryWriteAsync(s => s.InsertIncidentItemAsync(a, None)));
        Assert.True(await QueryWriteAsync(s => s.InsertIncidentItemAsync(b, None)));
        Assert.False(await QueryWriteAsync(s => s.InsertIncidentItemAsync(a with { ItemJson = "{}" }, None)));

        Assert.Equal([a, b], await QueryAsync(s => s.ListIncidentItemsAsync(Id(1), None)));
        Assert.True(await QueryWriteAsync(s => s.DeleteIncidentItemAsync(Id(1), a.IdentifierKey, None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteIncidentItemAsync(Id(1), a.IdentifierKey, None)));
        Assert.Equal([b], await QueryAsync(s => s.ListIncidentItemsAsync(Id(1), None)));
    }

    [Fact]
    public async Task deleting_an_incident_takes_its_timeline_and_items_with_it()
    {
        await CommitAsync(async s =>
        {
            await s.InsertIncidentAsync(NewIncident(Id(1), "key"), None);
            await s.InsertIncidentEventAsync(NewEvent(Id(1), Id(10), T0), None);
            await s.InsertIncidentItemAsync(new IncidentItem(Id(1), "k", "{}", T0), None);
        });

        Assert.True(await QueryWriteAsync(s => s.DeleteIncidentAsync(Id(1), None)));
        Assert.False(await QueryWriteAsync(s => s.DeleteIncidentAsync(Id(1), None)));

        Assert.Null(await QueryAsync(s => s.FindIncidentAsync(Id(1), None)));
        Assert.Empty(await QueryAsync(s => s.ListIncidentEventsAsync(Id(1), None)));
        Assert.Empty(await QueryAsync(s => s.ListIncidentItemsAsync(Id(1), None)));
        // Its key is free again.
        Assert.True(await QueryWriteAsync(s => s.InsertIncidentAsync(NewIncident(Id(2), "key"), None)));
    }
}
