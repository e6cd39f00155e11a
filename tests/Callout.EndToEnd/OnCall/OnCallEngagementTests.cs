using System.Globalization;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.OnCall;

/// Engaging an ONCALL_SCHEDULE pages whoever is on call at that moment through their own plan
/// (docs/spec/rotations.md §3.3), directly or as an escalation stage, across a hand-off, on the virtual
/// clock.
public sealed class OnCallEngagementTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    /// A daily rotation of [first, second] whose hand-off comes 30 minutes after `now` (to the
    /// minute): `first` is on call until then, `second` from then on. Returns the schedule's ARN.
    static async Task<string> ScheduleAsync(Paging p, long now, Person first, Person second)
    {
        var handOff = DateTimeOffset.FromUnixTimeMilliseconds(now).AddMinutes(30);
        handOff = new DateTimeOffset(handOff.Year, handOff.Month, handOff.Day, handOff.Hour, handOff.Minute, 0, TimeSpan.Zero);
        var start = handOff.AddDays(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var rotation = (await p.Client.OkAsync("CreateRotation", $$$"""
            {"Name":"primary","ContactIds":["{{{first.Arn}}}","{{{second.Arn}}}"],"TimeZoneId":"UTC","StartTime":{{{start}}},
             "Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":{{{handOff.Hour}}},"MinuteOfHour":{{{handOff.Minute}}}}]}}
            """)).GetProperty("RotationArn").GetString();
        return (await p.Client.OkAsync("CreateContact", $$$"""
            {"Alias":"oncall","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[],"RotationIds":["{{{rotation}}}"]}}
            """)).GetProperty("ContactArn").GetString()!;
    }

    [Fact]
    public async Task engaging_a_schedule_pages_only_who_is_on_call_then()
    {
        var p = fixture.NewPaging();
        var ann = await p.PersonAsync("ann", "SMS");
        var bob = await p.PersonAsync("bob", "SMS");
        await p.SetStagesAsync(ann.Arn, Paging.ChannelStages(ann, 5, 0));
        await p.SetStagesAsync(bob.Arn, Paging.ChannelStages(bob, 5, 0));
        var schedule = await ScheduleAsync(p, await p.NowAsync(), ann, bob);

        var (engagement, t0) = await p.StartAtNowAsync(schedule);
        await p.AdvanceToAsync(t0, 10);

        Assert.Equal(["+00 ann/SMS"], await p.TimelineAsync(t0, ann, bob));
        var page = (await p.PagesAsync(engagement)).Single();
        var resolution = (await p.Client.OkAsync("ListPageResolutions", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}"}"""))
            .GetProperty("PageResolutions").EnumerateArray()
            .Select(r => (r.GetProperty("Type").GetString(), r.TryGetProperty("StageIndex", out var s) ? s.GetInt32() : (int?)null)).ToList();
        Assert.Equal([("ONCALL_SCHEDULE", (int?)null), ("PERSONAL", 0)], resolution);
        // A READ by the person on call ends an engagement of the schedule itself.
        var code = await p.CodeForAsync(ann.Channels[0]);
        await p.Client.OkAsync("AcceptPage", $$$"""{"PageId":"{{{page.GetProperty("PageArn").GetString()}}}","AcceptType":"READ","AcceptCode":"{{{code}}}","AcceptCodeValidation":"ENFORCE"}""");
        Assert.NotNull(await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task an_escalation_reaches_whoever_is_on_call_when_each_stage_starts()
    {
        var p = fixture.NewPaging();
        var ann = await p.PersonAsync("ann", "SMS");
        var bob = await p.PersonAsync("bob", "SMS");
        await p.SetStagesAsync(ann.Arn, Paging.ChannelStages(ann, 5, 0));
        await p.SetStagesAsync(bob.Arn, Paging.ChannelStages(bob, 5, 0));
        var schedule = await ScheduleAsync(p, await p.NowAsync(), ann, bob);
        var escalation = (await p.Client.OkAsync("CreateContact", $$$"""
            {"Alias":"escalate","Type":"ESCALATION","Plan":{"Stages":[
              {"DurationInMinutes":30,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{schedule}}}","IsEssential":false}}]},
              {"DurationInMinutes":5,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{schedule}}}","IsEssential":true}}]}]}}
            """)).GetProperty("ContactArn").GetString()!;

        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 40);

        // ann holds the shift at t0; the hand-off to bob comes before the second stage at t0+30.
        Assert.Equal(["+00 ann/SMS", "+30 bob/SMS"], await p.TimelineAsync(t0, ann, bob));
        Assert.Equal(t0 + (35 * Paging.Minute), await p.StopTimeAsync(engagement));
        var pages = await p.PagesAsync(engagement);
        Assert.Equal(2, pages.Count);
    }

    [Fact]
    public async Task an_override_decides_who_is_on_call_when_the_schedule_is_engaged()
    {
        var p = fixture.NewPaging();
        var ann = await p.PersonAsync("ann", "SMS");
        var bob = await p.PersonAsync("bob", "SMS");
        await p.SetStagesAsync(ann.Arn, Paging.ChannelStages(ann, 5, 0));
        await p.SetStagesAsync(bob.Arn, Paging.ChannelStages(bob, 5, 0));
        var now = await p.NowAsync();
        var schedule = await ScheduleAsync(p, now, ann, bob);
        var rotation = (await p.Client.OkAsync("GetContact", $$$"""{"ContactId":"{{{schedule}}}"}""")).GetProperty("Plan").GetProperty("RotationIds")[0].GetString();
        var from = (now / 1000) - 60;
        await p.Client.OkAsync("CreateRotationOverride", $$$"""
            {"RotationId":"{{{rotation}}}","NewContactIds":["{{{bob.Arn}}}"],"StartTime":{{{from}}},"EndTime":{{{from + 3600}}}}
            """);

        var (_, t0) = await p.StartAtNowAsync(schedule);
        await p.AdvanceToAsync(t0, 10);

        Assert.Equal(["+00 bob/SMS"], await p.TimelineAsync(t0, ann, bob));
    }
}
