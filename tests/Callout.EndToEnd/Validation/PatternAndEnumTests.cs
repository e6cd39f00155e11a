using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// docs/spec/protocol.md §4: model patterns are Java regex (`\w` is ASCII-only); enums are exact and
/// case-sensitive, and the message lists the allowed values.
public sealed class PatternAndEnumTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    const string ArnPattern = @"arn:(aws|aws-cn|aws-us-gov):ssm-contacts:[-\w+=\/,.@]*:[0-9]+:([\w+=\/,.@:-]+)*";
    const string ContactTypes = "Member must satisfy enum value set: [PERSONAL, ESCALATION, ONCALL_SCHEDULE]";

    [Fact]
    public async Task an_alias_outside_its_character_set_fails_the_pattern()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact", """{"Alias":"UPPER!","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        ValidationAssert.FailsOnce(response, "alias", @"Member must satisfy regular expression pattern: ^[a-z0-9_\-]*$");
        Assert.StartsWith("1 validation error detected: Value 'UPPER!' at 'alias'", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_non_ascii_letter_in_an_arn_fails_the_pattern_because_java_w_is_ascii_only()
    {
        var client = fixture.NewClient();
        var arn = $"arn:aws:ssm-contacts:us-\u00e9ast-1:{client.Account}:contact/a";
        var response = await client.CallAsync("GetContact", $$"""{"ContactId":"{{arn}}"}""");
        ValidationAssert.FailsOnce(response, "contactId", "Member must satisfy regular expression pattern: " + ArnPattern);
    }

    [Fact]
    public async Task a_non_ascii_letter_in_the_resource_part_of_an_arn_never_reaches_a_contact()
    {
        // The model's ARN pattern is unanchored (docs/spec/protocol.md §4), so "…:contact/café" matches
        // on its ASCII prefix; either the pattern or the ARN reader must still refuse it, and it
        // must never be read as the contact "caf".
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"caf","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        var response = await client.CallAsync("GetContact", $$"""{"ContactId":"{{client.Arn("contact/caf\u00e9")}}"}""");
        Assert.Equal(400, response.Status);
        Assert.True(response.Type is "ValidationException" or "ResourceNotFoundException", response.Text);
        Assert.Equal(response.Type, response.ErrorType);
    }

    [Fact]
    public async Task an_arn_of_an_unknown_partition_fails_the_pattern()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("GetContact", $$"""{"ContactId":"arn:aws-mars:ssm-contacts:us-east-1:{{client.Account}}:contact/a"}""");
        ValidationAssert.FailsOnce(response, "contactId", "Member must satisfy regular expression pattern: " + ArnPattern);
    }

    [Fact]
    public async Task a_tag_key_with_a_colon_fails_the_pattern()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"aws:team","Value":"x"}]}""");
        ValidationAssert.FailsOnce(response, "tags.1.member.key", @"Member must satisfy regular expression pattern: ^[\\\/a-zA-Z0-9_+=\-]*$");
    }

    [Fact]
    public async Task a_tag_value_may_hold_non_ascii_letters()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"city","Value":"Z\u00fcrich"}]}""");
        var tags = await client.OkAsync("ListTagsForResource", $$"""{"ResourceARN":"{{client.Arn("contact/a")}}"}""");
        Assert.Equal("Z\u00fcrich", tags.GetProperty("Tags")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task a_rotation_override_id_must_look_like_a_uuid()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("GetRotationOverride",
            $$"""{"RotationId":"{{client.Arn("rotation/0190c2a4-0000-7000-8000-000000000000")}}","RotationOverrideId":"zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"}""");
        Assert.Equal(["rotationOverrideId"], ValidationAssert.Fails(response).Select(f => f.Name));
    }

    [Fact]
    public async Task a_value_outside_the_enum_lists_the_allowed_values()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact", """{"Alias":"a","Type":"BOGUS","Plan":{"Stages":[]}}""");
        ValidationAssert.FailsOnce(response, "type", ContactTypes);
        Assert.Equal("1 validation error detected: Value 'BOGUS' at 'type' failed to satisfy constraint: " + ContactTypes, response.Message);
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("PERSONAL ")]
    [InlineData("")]
    public async Task an_enum_matches_exactly_and_case_sensitively(string type)
    {
        var response = await fixture.NewClient().CallAsync("ListContacts", $$"""{"Type":"{{type}}"}""");
        ValidationAssert.FailsOnce(response, "type", ContactTypes);
    }

    [Fact]
    public async Task a_channel_type_outside_the_enum_is_refused()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateContactChannel",
            $$$"""{"ContactId":"{{{client.Arn("contact/a")}}}","Name":"n","Type":"PAGER","DeliveryAddress":{"SimpleAddress":"x"}}""");
        ValidationAssert.FailsOnce(response, "type", "Member must satisfy enum value set: [SMS, VOICE, EMAIL]");
    }

    [Fact]
    public async Task a_map_key_outside_its_enum_is_refused()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateRotation", $$$$"""
            {"Name":"r","ContactIds":["{{{{client.Arn("contact/a")}}}}"],"TimeZoneId":"UTC",
             "Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"ShiftCoverages":{"FUNDAY":[]}}}
            """);
        ValidationAssert.FailsOnce(response, "recurrence.shiftCoverages.key", "Member must satisfy enum value set: [MON, TUE, WED, THU, FRI, SAT, SUN]");
    }
}
