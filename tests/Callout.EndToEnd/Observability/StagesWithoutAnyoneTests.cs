using System.Globalization;
using Callout.EndToEnd.Engagements;

namespace Callout.EndToEnd.Observability;

/// An escalation stage that can reach nobody runs without an error, as in AWS, but leaves a
/// warning and counts in callout_engine_stages_without_anyone_total (docs/operations.md).
public sealed class StagesWithoutAnyoneTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    async Task<double> CountAsync(string reason) =>
        MetricsText.Value(await MetricsText.ScrapeAsync(fixture.Endpoint), $"callout_engine_stages_without_anyone_total{{reason=\"{reason}\"}}") ?? 0;

    async Task<string> WarningAboutAsync(string engagement) =>
        Assert.Single(await ServerLog.WaitForAsync(fixture.Server,
            l => l.Contains(engagement, StringComparison.Ordinal) && l.Contains("pages nobody", StringComparison.Ordinal)));

    [Fact]
    public async Task a_stage_whose_schedule_lost_its_rotation_warns_and_counts()
    {
        var p = fixture.NewPaging();
        var ann = await p.PersonAsync("ann", "SMS");
        await p.SetStagesAsync(ann.Arn, Paging.ChannelStages(ann, 5, 0));
        var start = (DateTimeOffset.FromUnixTimeMilliseconds(await p.NowAsync()).AddDays(-1).ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var rotation = (await p.Client.OkAsync("CreateRotation", $$$"""
            {"Name":"primary","ContactIds":["{{{ann.Arn}}}"],"TimeZoneId":"UTC","StartTime":{{{start}}},
             "Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}}
            """)).GetProperty("RotationArn").GetString()!;
        var schedule = (await p.Client.OkAsync("CreateContact", $$$"""
            {"Alias":"oncall","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[],"RotationIds":["{{{rotation}}}"]}}
            """)).GetProperty("ContactArn").GetString()!;
        var escalation = (await p.Client.OkAsync("CreateContact", $$$"""
            {"Alias":"escalate","Type":"ESCALATION","Plan":{"Stages":[
              {"DurationInMinutes":5,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{schedule}}}","IsEssential":false}}]}]}}
            """)).GetProperty("ContactArn").GetString()!;
        await p.Client.OkAsync("DeleteRotation", $$$"""{"RotationId":"{{{rotation}}}"}""");
        var before = await CountAsync("no_rotations");

        var (engagement, _) = await p.StartAtNowAsync(escalation);

        Assert.Empty(await p.PagesAsync(engagement));
        var warning = await WarningAboutAsync(engagement);
        Assert.Contains(" warn: ", warning, StringComparison.Ordinal);
        Assert.Contains("stage 0 of escalation plan escalate, on-call schedule oncall pages nobody (no_rotations)", warning, StringComparison.Ordinal);
        Assert.Equal(before + 1, await CountAsync("no_rotations"));
    }

    [Fact]
    public async Task a_stage_whose_contact_was_deleted_warns_and_counts()
    {
        var p = fixture.NewPaging();
        var ann = await p.PersonAsync("ann", "SMS");
        var bob = await p.PersonAsync("bob", "SMS");
        await p.SetStagesAsync(ann.Arn, Paging.ChannelStages(ann, 5, 0));
        await p.SetStagesAsync(bob.Arn, Paging.ChannelStages(bob, 5, 0));
        var escalation = await p.EscalationAsync("escalate", (bob, 5, false), (ann, 5, false));
        await p.Client.OkAsync("DeleteContact", $$$"""{"ContactId":"{{{bob.Arn}}}"}""");
        var before = await CountAsync("targets_deleted");

        var (engagement, t0) = await p.StartAtNowAsync(escalation);
        await p.AdvanceToAsync(t0, 5);

        // The second stage still pages ann; the first reached nobody.
        Assert.Single(await p.PagesAsync(engagement));
        var warning = await WarningAboutAsync(engagement);
        Assert.Contains(" warn: ", warning, StringComparison.Ordinal);
        Assert.Contains("stage 0 of escalation plan escalate pages nobody (targets_deleted)", warning, StringComparison.Ordinal);
        Assert.Equal(before + 1, await CountAsync("targets_deleted"));
    }
}
