using System.Text.Json;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// docs/spec/protocol.md §4: string min/max from the model, counted in Unicode code points.
public sealed class StringLengthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    // U+1D400 MATHEMATICAL BOLD CAPITAL A: one code point and a letter (\p{L}), but two UTF-16 units.
    const string AstralLetter = "\U0001D400";

    static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    static string NewContact(string alias, string? displayName = null) => JsonSerializer.Serialize(
        displayName is null
            ? new Dictionary<string, object> { ["Alias"] = alias, ["Type"] = "PERSONAL", ["Plan"] = new { Stages = Array.Empty<object>() } }
            : new Dictionary<string, object> { ["Alias"] = alias, ["DisplayName"] = displayName, ["Type"] = "PERSONAL", ["Plan"] = new { Stages = Array.Empty<object>() } });

    [Fact]
    public async Task an_alias_of_exactly_the_maximum_length_is_accepted()
    {
        var client = fixture.NewClient();
        var alias = new string('a', 255);
        await client.OkAsync("CreateContact", NewContact(alias));
        var contact = await client.OkAsync("GetContact", $$"""{"ContactId":"{{client.Arn("contact/" + alias)}}"}""");
        Assert.Equal(alias, contact.GetProperty("Alias").GetString());
    }

    [Fact]
    public async Task an_alias_one_past_the_maximum_length_is_too_long()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact", NewContact(new string('a', 256)));
        ValidationAssert.FailsOnce(response, "alias", "Member must have length less than or equal to 255");
    }

    [Fact]
    public async Task an_empty_alias_is_too_short()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact", NewContact(""));
        ValidationAssert.FailsOnce(response, "alias", "Member must have length greater than or equal to 1");
    }

    [Fact]
    public async Task an_empty_display_name_is_valid_because_its_minimum_is_zero()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", NewContact("empty-name", displayName: ""));
    }

    [Fact]
    public async Task an_empty_tag_value_is_too_short_because_its_minimum_is_one()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact",
            """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"team","Value":""}]}""");
        ValidationAssert.FailsOnce(response, "tags.1.member.value", "Member must have length greater than or equal to 1");
    }

    [Fact]
    public async Task a_tag_key_longer_than_128_is_too_long()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("TagResource",
            $$"""{"ResourceARN":"{{client.Arn("contact/a")}}","Tags":[{"Key":"{{new string('k', 129)}}","Value":"v"}]}""");
        ValidationAssert.FailsOnce(response, "tags.1.member.key", "Member must have length less than or equal to 128");
    }

    [Fact]
    public async Task an_arn_longer_than_2048_is_too_long()
    {
        var client = fixture.NewClient();
        var arn = client.Arn("contact/");
        arn += new string('a', 2049 - arn.Length);
        var response = await client.CallAsync("GetContact", $$"""{"ContactId":"{{arn}}"}""");
        ValidationAssert.FailsOnce(response, "contactId", "Member must have length less than or equal to 2048");
    }

    [Fact]
    public async Task astral_plane_characters_count_once_toward_the_maximum()
    {
        // Subject is 1–2048 with a pattern every string satisfies, so only the length can fail.
        var client = fixture.NewClient();
        string Engagement(string subject) => JsonSerializer.Serialize(new
        {
            ContactId = client.Arn("contact/a"),
            Sender = "ops",
            Subject = subject,
            Content = "c",
        });

        ValidationAssert.PassesValidation(await client.CallAsync("StartEngagement", Engagement(Repeat(AstralLetter, 2048))));
        var tooLong = await client.CallAsync("StartEngagement", Engagement(Repeat(AstralLetter, 2049)));
        ValidationAssert.FailsOnce(tooLong, "subject", "Member must have length less than or equal to 2048");
    }

    [Fact]
    public async Task a_display_name_of_256_astral_plane_letters_is_too_long()
    {
        var response = await fixture.NewClient().CallAsync("CreateContact", NewContact("astral", Repeat(AstralLetter, 256)));
        Assert.Contains(("displayName", "Member must have length less than or equal to 255"), ValidationAssert.Fails(response));
    }

    [Fact]
    public async Task a_display_name_of_255_astral_plane_letters_is_accepted()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", NewContact("astral", Repeat(AstralLetter, 255)));
        var contact = await client.OkAsync("GetContact", $$"""{"ContactId":"{{client.Arn("contact/astral")}}"}""");
        Assert.Equal(Repeat(AstralLetter, 255), contact.GetProperty("DisplayName").GetString());
    }
}
