using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// docs/spec/protocol.md §4: integer min/max from the model, both ends inclusive.
public sealed class NumberRangeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(-1, "Member must have value greater than or equal to 0")]
    [InlineData(1025, "Member must have value less than or equal to 1024")]
    [InlineData(int.MinValue, "Member must have value greater than or equal to 0")]
    [InlineData(int.MaxValue, "Member must have value less than or equal to 1024")]
    public async Task max_results_outside_0_to_1024_is_refused(int maxResults, string message)
    {
        var response = await fixture.NewClient().CallAsync("ListContacts", $$"""{"MaxResults":{{maxResults}}}""");
        ValidationAssert.FailsOnce(response, "maxResults", message);
        Assert.Contains($"Value '{maxResults}' at 'maxResults'", response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    public async Task max_results_at_the_bounds_is_accepted(int maxResults)
    {
        var response = await fixture.NewClient().CallAsync("ListContacts", $$"""{"MaxResults":{{maxResults}}}""");
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task a_stage_longer_than_30_minutes_is_refused()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            """{"Alias":"a","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":31,"Targets":[]}]}}""");
        ValidationAssert.FailsOnce(response, "plan.stages.1.member.durationInMinutes", "Member must have value less than or equal to 30");
    }

    [Fact]
    public async Task a_retry_interval_over_60_minutes_is_refused()
    {
        var client = fixture.NewClient();
        var channel = client.Arn("contact-channel/a/02f506b9-ea5d-4764-af89-2daa793ff024");
        var response = await client.CallAsync("CreateContact", $$$"""
            {"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[{"DurationInMinutes":0,"Targets":[
              {"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}","RetryIntervalInMinutes":61}}]}]}}
            """);
        ValidationAssert.FailsOnce(response, "plan.stages.1.member.targets.1.member.channelTargetInfo.retryIntervalInMinutes",
            "Member must have value less than or equal to 60");
    }

    [Fact]
    public async Task a_negative_stage_duration_is_refused()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            """{"Alias":"a","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":-1,"Targets":[]}]}}""");
        ValidationAssert.FailsOnce(response, "plan.stages.1.member.durationInMinutes", "Member must have value greater than or equal to 0");
    }

    [Fact]
    public async Task rotation_recurrence_numbers_are_checked_against_their_ranges()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateRotation", $$$"""
            {"Name":"r","ContactIds":["{{{client.Arn("contact/a")}}}"],"TimeZoneId":"UTC",
             "Recurrence":{"NumberOfOnCalls":0,"RecurrenceMultiplier":101,
               "DailySettings":[{"HourOfDay":24,"MinuteOfHour":60}],
               "MonthlySettings":[{"DayOfMonth":0,"HandOffTime":{"HourOfDay":-1,"MinuteOfHour":0}}]}}
            """);
        var fields = ValidationAssert.Fails(response);
        Assert.Equal(
            new[]
            {
                ("recurrence.dailySettings.1.member.hourOfDay", "Member must have value less than or equal to 23"),
                ("recurrence.dailySettings.1.member.minuteOfHour", "Member must have value less than or equal to 59"),
                ("recurrence.monthlySettings.1.member.dayOfMonth", "Member must have value greater than or equal to 1"),
                ("recurrence.monthlySettings.1.member.handOffTime.hourOfDay", "Member must have value greater than or equal to 0"),
                ("recurrence.numberOfOnCalls", "Member must have value greater than or equal to 1"),
                ("recurrence.recurrenceMultiplier", "Member must have value less than or equal to 100"),
            },
            fields.OrderBy(f => f.Name, StringComparer.Ordinal));
        Assert.StartsWith(ValidationAssert.Count(6), response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task rotation_recurrence_numbers_at_their_bounds_pass_validation()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateRotation", $$$"""
            {"Name":"r","ContactIds":["{{{client.Arn("contact/a")}}}"],"TimeZoneId":"UTC",
             "Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":100,
               "DailySettings":[{"HourOfDay":23,"MinuteOfHour":59}],
               "MonthlySettings":[{"DayOfMonth":31,"HandOffTime":{"HourOfDay":0,"MinuteOfHour":0}}]}}
            """);
        ValidationAssert.PassesValidation(response);
    }
}
