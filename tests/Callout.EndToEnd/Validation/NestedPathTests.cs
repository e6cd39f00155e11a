using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// docs/spec/protocol.md §4: paths are lower-camel with 1-based list indexes and `.member`, and every
/// violation of a request is reported in one ValidationException whose message counts them.
public sealed class NestedPathTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task a_violation_deep_in_a_plan_names_every_list_index_on_its_path()
    {
        var client = fixture.NewClient();
        var good = client.Arn("contact-channel/a/02f506b9-ea5d-4764-af89-2daa793ff024");
        var response = await client.CallAsync("CreateContact", $$$"""
            {"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[
              {"DurationInMinutes":1,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{good}}}"}}]},
              {"DurationInMinutes":1,"Targets":[
                {"ChannelTargetInfo":{"ContactChannelId":"{{{good}}}"}},
                {"ChannelTargetInfo":{"ContactChannelId":"not an arn"}}]}]}}
            """);
        ValidationAssert.FailsOnce(response, "plan.stages.2.member.targets.2.member.channelTargetInfo.contactChannelId",
            @"Member must satisfy regular expression pattern: arn:(aws|aws-cn|aws-us-gov):ssm-contacts:[-\w+=\/,.@]*:[0-9]+:([\w+=\/,.@:-]+)*");
    }

    [Fact]
    public async Task a_violation_in_the_third_tag_names_the_third_tag()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"},{"Key":"","Value":"3"}]}""");
        ValidationAssert.FailsOnce(response, "tags.3.member.key", "Member must have length greater than or equal to 1");
    }

    [Fact]
    public async Task a_contact_target_is_checked_inside_its_stage()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            """{"Alias":"a","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ContactTargetInfo":{"ContactId":""}}]}]}}""");
        var fields = ValidationAssert.Fails(response);
        Assert.Contains(("plan.stages.1.member.targets.1.member.contactTargetInfo.isEssential", ValidationAssert.NotNull), fields);
        Assert.Contains(("plan.stages.1.member.targets.1.member.contactTargetInfo.contactId", "Member must have length greater than or equal to 1"), fields);
    }

    [Fact]
    public async Task violations_in_a_weekly_setting_name_the_setting_and_its_hand_off_time()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateRotation", $$$"""
            {"Name":"r","ContactIds":["{{{client.Arn("contact/a")}}}"],"TimeZoneId":"UTC",
             "Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"WeeklySettings":[
               {"DayOfWeek":"MON","HandOffTime":{"HourOfDay":9,"MinuteOfHour":0}},
               {"DayOfWeek":"mon","HandOffTime":{"MinuteOfHour":0}}]}}
            """);
        var fields = ValidationAssert.Fails(response);
        Assert.Equal(
            new[]
            {
                ("recurrence.weeklySettings.2.member.dayOfWeek", "Member must satisfy enum value set: [MON, TUE, WED, THU, FRI, SAT, SUN]"),
                ("recurrence.weeklySettings.2.member.handOffTime.hourOfDay", ValidationAssert.NotNull),
            },
            fields.OrderBy(f => f.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task several_violations_are_reported_together_and_counted()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact", """
            {"Alias":"UPPER!","DisplayName":"bad!name","Type":"BOGUS",
             "Plan":{"Stages":[{"DurationInMinutes":31,"Targets":[{"ChannelTargetInfo":{"RetryIntervalInMinutes":61}}]}]},
             "Tags":[{"Key":"k","Value":""}],"IdempotencyToken":"has spaces"}
            """);
        var fields = ValidationAssert.Fails(response);
        Assert.Equal(
            [
                "alias", "displayName", "idempotencyToken",
                "plan.stages.1.member.durationInMinutes",
                "plan.stages.1.member.targets.1.member.channelTargetInfo.contactChannelId",
                "plan.stages.1.member.targets.1.member.channelTargetInfo.retryIntervalInMinutes",
                "tags.1.member.value", "type",
            ],
            fields.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.StartsWith(ValidationAssert.Count(8), response.Message, StringComparison.Ordinal);
        // One "Value … at '…' failed to satisfy constraint: …" clause per field, joined by "; ".
        var clauses = response.Message[ValidationAssert.Count(8).Length..].Split("; ");
        Assert.Equal(8, clauses.Length);
        foreach (var (name, message) in fields)
        {
            Assert.Contains(clauses, c => c.EndsWith($"at '{name}' failed to satisfy constraint: {message}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task one_value_can_break_two_constraints_and_both_are_reported()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            $$$"""{"Alias":"{{{new string('A', 256)}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        var fields = ValidationAssert.Fails(response);
        Assert.Equal(
            [
                ("alias", "Member must have length less than or equal to 255"),
                ("alias", @"Member must satisfy regular expression pattern: ^[a-z0-9_\-]*$"),
            ],
            fields.OrderBy(f => f.Message, StringComparer.Ordinal));
        Assert.StartsWith(ValidationAssert.Count(2), response.Message, StringComparison.Ordinal);
    }
}
