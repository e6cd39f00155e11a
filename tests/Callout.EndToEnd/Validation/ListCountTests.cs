using System.Globalization;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// docs/spec/protocol.md §4: list item counts; the message shows "Value with N items".
public sealed class ListCountTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static string Tags(int n) =>
        "[" + string.Join(",", Enumerable.Range(1, n).Select(i => $$"""{"Key":"k{{i.ToString(CultureInfo.InvariantCulture)}}","Value":"v"}""")) + "]";

    static string Keys(int n) =>
        "[" + string.Join(",", Enumerable.Range(1, n).Select(i => $"\"k{i.ToString(CultureInfo.InvariantCulture)}\"")) + "]";

    static string ContactIds(ApiClient client, int n) =>
        "[" + string.Join(",", Enumerable.Range(1, n).Select(i => $"\"{client.Arn("contact/c" + i.ToString(CultureInfo.InvariantCulture))}\"")) + "]";

    [Fact]
    public async Task fifty_one_tags_are_too_many()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            $$"""{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":{{Tags(51)}}}""");
        ValidationAssert.FailsOnce(response, "tags", "Member must have length less than or equal to 50");
        Assert.Contains("Value with 51 items at 'tags'", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task fifty_tags_are_accepted()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", $$"""{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":{{Tags(50)}}}""");
        var tags = await client.OkAsync("ListTagsForResource", $$"""{"ResourceARN":"{{client.Arn("contact/a")}}"}""");
        Assert.Equal(50, tags.GetProperty("Tags").GetArrayLength());
    }

    [Fact]
    public async Task fifty_one_tag_keys_are_too_many()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("UntagResource", $$"""{"ResourceARN":"{{client.Arn("contact/a")}}","TagKeys":{{Keys(51)}}}""");
        ValidationAssert.FailsOnce(response, "tagKeys", "Member must have length less than or equal to 50");
    }

    [Fact]
    public async Task a_rotation_needs_at_least_one_contact()
    {
        var response = await fixture.NewClient().CallAsync("CreateRotation",
            """{"Name":"r","ContactIds":[],"TimeZoneId":"UTC","Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1}}""");
        ValidationAssert.FailsOnce(response, "contactIds", "Member must have length greater than or equal to 1");
        Assert.Contains("Value with 0 items at 'contactIds'", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_rotation_holds_at_most_30_contacts()
    {
        var client = fixture.NewClient();
        string Rotation(int n) =>
            $$$"""{"Name":"r","ContactIds":{{{ContactIds(client, n)}}},"TimeZoneId":"UTC","Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1}}""";

        var tooMany = await client.CallAsync("CreateRotation", Rotation(31));
        ValidationAssert.FailsOnce(tooMany, "contactIds", "Member must have length less than or equal to 30");
        ValidationAssert.PassesValidation(await client.CallAsync("CreateRotation", Rotation(30)));
    }

    [Fact]
    public async Task a_plan_holds_at_most_25_rotations()
    {
        var client = fixture.NewClient();
        var rotations = "[" + string.Join(",", Enumerable.Range(1, 26).Select(i => $"\"{client.Arn($"rotation/00000000-0000-7000-8000-{i:D12}")}\"")) + "]";
        var response = await client.CallAsync("CreateContact",
            $$$"""{"Alias":"a","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[],"RotationIds":{{{rotations}}}}}""");
        ValidationAssert.FailsOnce(response, "plan.rotationIds", "Member must have length less than or equal to 25");
    }

    [Fact]
    public async Task a_preview_needs_at_least_one_member()
    {
        var response = await fixture.NewClient().CallAsync("ListPreviewRotationShifts",
            """{"EndTime":1767225600,"Members":[],"TimeZoneId":"UTC","Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1}}""");
        ValidationAssert.FailsOnce(response, "members", "Member must have length greater than or equal to 1");
    }
}
