using System.Text;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// docs/spec/protocol.md §1: a value of the wrong JSON type, or a number that is not an int32, is
/// CANNOT_PARSE naming the member; unknown members are ignored; nothing in the body gives a 5xx.
public sealed class JsonTypeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("ListContacts", """{"MaxResults":"5"}""", "maxResults")]
    [InlineData("ListContacts", """{"AliasPrefix":5}""", "aliasPrefix")]
    [InlineData("ListContacts", """{"AliasPrefix":true}""", "aliasPrefix")]
    [InlineData("ListContacts", """{"Type":["PERSONAL"]}""", "type")]
    [InlineData("UntagResource", """{"ResourceARN":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/a","TagKeys":{"k":"v"}}""", "tagKeys")]
    [InlineData("CreateContact", """{"Alias":"a","Type":"PERSONAL","Plan":[]}""", "plan")]
    [InlineData("CreateContact", """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[{"DurationInMinutes":"1","Targets":[]}]}}""", "plan.stages.1.member.durationInMinutes")]
    [InlineData("CreateContact", """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[{"ContactTargetInfo":{"IsEssential":"yes"}}]}]}}""", "plan.stages.1.member.targets.1.member.contactTargetInfo.isEssential")]
    [InlineData("CreateContactChannel", """{"ContactId":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/a","Name":"n","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15555550100"},"DeferActivation":"true"}""", "deferActivation")]
    [InlineData("ListRotationShifts", """{"RotationId":"arn:aws:ssm-contacts:us-east-1:111122223333:rotation/x","EndTime":"2026-01-01T00:00:00Z"}""", "endTime")]
    [InlineData("TagResource", """{"ResourceARN":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/a","Tags":["k=v"]}""", "tags.1.member")]
    public async Task a_value_of_the_wrong_json_type_cannot_be_parsed(string operation, string body, string field)
    {
        var response = await fixture.NewClient().CallAsync(operation, body);
        ValidationAssert.CannotParse(response, field);
    }

    [Theory]
    [InlineData("5.5")]
    [InlineData("-0.1")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999999999999999999999999")]
    public async Task a_number_that_is_not_an_int32_cannot_be_parsed_as_an_integer(string number)
    {
        var response = await fixture.NewClient().CallAsync("ListContacts", $$"""{"MaxResults":{{number}}}""");
        ValidationAssert.CannotParse(response, "maxResults");
    }

    [Theory]
    [InlineData("5.0")]
    [InlineData("5e0")]
    [InlineData("0.5e1")]
    public async Task an_integral_number_written_with_a_fraction_or_exponent_is_an_integer(string number)
    {
        var response = await fixture.NewClient().CallAsync("ListContacts", $$"""{"MaxResults":{{number}}}""");
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task a_huge_timestamp_cannot_be_parsed()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("ListRotationShifts",
            $$"""{"RotationId":"{{client.Arn("rotation/x")}}","EndTime":1e400}""");
        ValidationAssert.CannotParse(response, "endTime");
    }

    [Fact]
    public async Task unknown_members_are_ignored_at_every_level()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """
            {"Alias":"a","Type":"ESCALATION","Bogus":{"deep":[1,2,{"x":null}]},"alias":"ignored-too",
             "Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[],"Extra":true}],"More":"x"},
             "Tags":[{"Key":"k","Value":"v","Colour":"red"}]}
            """);
        var contact = await client.OkAsync("GetContact", $$"""{"ContactId":"{{client.Arn("contact/a")}}","Noise":1}""");
        Assert.Equal("ESCALATION", contact.GetProperty("Type").GetString());
        Assert.False(contact.TryGetProperty("Bogus", out _));
    }

    [Theory]
    [InlineData(1000, "[", "]")]
    [InlineData(1000, "{\"a\":", "}")]
    [InlineData(100_000, "[", "]")]
    public async Task deeply_nested_json_cannot_be_parsed_and_does_not_break_the_server(int depth, string open, string close)
    {
        var client = fixture.NewClient();
        var body = "{\"Unknown\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}";
        var response = await client.CallAsync("ListContacts", body);
        ValidationAssert.Fails(response, "CANNOT_PARSE");
        Assert.Equal(200, (await client.CallAsync("ListContacts", "{}")).Status);
    }

    [Fact]
    public async Task a_deeply_nested_value_where_a_structure_is_expected_cannot_be_parsed()
    {
        var body = "{\"Alias\":\"a\",\"Type\":\"PERSONAL\",\"Plan\":" + string.Concat(Enumerable.Repeat("{\"Stages\":[", 500)) + string.Concat(Enumerable.Repeat("]}", 500)) + "}";
        var response = await fixture.NewClient().CallAsync("CreateContact", body);
        ValidationAssert.Fails(response, "CANNOT_PARSE");
    }

    [Fact]
    public async Task a_body_that_is_not_an_object_cannot_be_parsed()
    {
        foreach (var body in new[] { "null", "[]", "42", "\"{}\"", "{} {}", "{\"a\":1,}", "\uFEFF{}x" })
        {
            var response = await fixture.NewClient().SendAsync("SSMContacts.ListContacts", Encoding.UTF8.GetBytes(body));
            Assert.True(response.Status == 400, $"{body}: {response.Status} {response.Text}");
            Assert.Equal("CANNOT_PARSE", response.Json.GetProperty("Reason").GetString());
        }
    }

    [Theory]
    [InlineData("""{"AliasPrefix":"\ud800"}""")]
    [InlineData("""{"AliasPrefix":"a\udc00b"}""")]
    [InlineData("""{"\ud800":1}""")]
    public async Task a_lone_surrogate_escape_is_a_validation_error_not_a_server_error(string body)
    {
        var response = await fixture.NewClient().CallAsync("ListContacts", body);
        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationException", response.Type);
    }

    [Theory]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    public async Task invalid_utf8_in_a_string_is_a_validation_error_not_a_server_error(byte[] bad)
    {
        var body = "{\"AliasPrefix\":\""u8.ToArray().Concat(bad).Concat("\"}"u8.ToArray()).ToArray();
        var response = await fixture.NewClient().SendAsync("SSMContacts.ListContacts", body);
        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationException", response.Type);
    }
}
