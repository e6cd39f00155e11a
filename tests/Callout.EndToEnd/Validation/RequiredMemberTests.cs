using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// docs/spec/protocol.md §1 and §4: a required member that is missing, or JSON null (which counts as
/// absent), is `Member must not be null`; a null optional member is simply absent.
public sealed class RequiredMemberTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task a_missing_required_member_is_reported_as_null()
    {
        var response = await fixture.NewClient().CallAsync("GetContact", "{}");
        ValidationAssert.FailsOnce(response, "contactId", ValidationAssert.NotNull);
        Assert.Equal("1 validation error detected: Value null at 'contactId' failed to satisfy constraint: Member must not be null", response.Message);
    }

    [Fact]
    public async Task every_missing_required_member_is_reported_in_one_error()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact", "{}");
        var fields = ValidationAssert.Fails(response);
        Assert.Equal(
            [("alias", ValidationAssert.NotNull), ("type", ValidationAssert.NotNull), ("plan", ValidationAssert.NotNull)],
            fields.OrderBy(f => f.Name == "alias" ? 0 : f.Name == "type" ? 1 : 2));
        Assert.StartsWith(ValidationAssert.Count(3), response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_missing_required_member_of_a_nested_structure_is_reported_with_its_path()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[{"Targets":[{"ChannelTargetInfo":{}}]}]}}""");
        var fields = ValidationAssert.Fails(response);
        Assert.Equal(2, fields.Count);
        Assert.Contains(("plan.stages.1.member.durationInMinutes", ValidationAssert.NotNull), fields);
        Assert.Contains(("plan.stages.1.member.targets.1.member.channelTargetInfo.contactChannelId", ValidationAssert.NotNull), fields);
    }

    [Fact]
    public async Task a_null_item_in_a_list_is_reported_as_null()
    {
        var response = await fixture.NewClient().CallAsync("UntagResource",
            """{"ResourceARN":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/a","TagKeys":["k",null]}""");
        ValidationAssert.FailsOnce(response, "tagKeys.2.member", ValidationAssert.NotNull);
    }

    [Fact]
    public async Task a_null_required_member_counts_as_missing()
    {
        var response = await fixture.NewClient().CallAsync("GetContact", """{"ContactId":null}""");
        ValidationAssert.FailsOnce(response, "contactId", ValidationAssert.NotNull);
    }

    [Fact]
    public async Task a_null_optional_member_counts_as_absent()
    {
        var response = await fixture.NewClient().CallAsync("ListContacts",
            """{"MaxResults":null,"NextToken":null,"AliasPrefix":null,"Type":null}""");
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task required_members_are_checked_before_the_operation_runs()
    {
        var client = fixture.NewClient();
        var missing = await client.CallAsync("StartEngagement", "{}");
        var fields = ValidationAssert.Fails(missing);
        Assert.Equal(["contactId", "content", "sender", "subject"], fields.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(fields, f => Assert.Equal(ValidationAssert.NotNull, f.Message));

        var valid = await client.CallAsync("StartEngagement",
            $$"""{"ContactId":"{{client.Arn("contact/a")}}","Sender":"ops","Subject":"s","Content":"c"}""");
        // Built or not, the operation now gets past validation (to "not available yet", or to the
        // missing contact).
        ValidationAssert.PassesValidation(valid);
    }
}
