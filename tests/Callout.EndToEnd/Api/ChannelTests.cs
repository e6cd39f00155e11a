using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

/// docs/spec/domain.md §2.2: contact channels and their activation.
public sealed class ChannelTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static async Task<string> PersonAsync(ApiClient client, string alias)
    {
        await client.OkAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        return client.Arn("contact/" + alias);
    }

    static async Task<string> ChannelAsync(ApiClient client, string contact, string name, string type, string address, bool defer = false)
    {
        var created = await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"{{{name}}}","Type":"{{{type}}}","DeliveryAddress":{"SimpleAddress":"{{{address}}}"},"DeferActivation":{{{(defer ? "true" : "false")}}}}
            """);
        return created.GetProperty("ContactChannelArn").GetString()!;
    }

    static async Task<string> StatusAsync(ApiClient client, string channel) =>
        (await client.OkAsync("GetContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""")).GetProperty("ActivationStatus").GetString()!;

    [Fact]
    public async Task a_new_channel_is_not_activated_until_the_code_it_was_sent_comes_back()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "akuam");
        var channel = await ChannelAsync(client, contact, "akuas sms-test", "SMS", "+15005550199");
        Assert.StartsWith(client.Arn("contact-channel/akuam/"), channel, StringComparison.Ordinal);
        Assert.Equal("NOT_ACTIVATED", await StatusAsync(client, channel));

        var code = await Outbox.LatestCodeAsync(fixture.Server.Endpoint, client.Account, "+15005550199");
        Assert.NotNull(code);
        var wrong = code == "000000" ? "111111" : "000000";
        var refused = await client.CallAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{wrong}}}"}""");
        Assert.Equal("ValidationException", refused.Type);
        Assert.Equal("NOT_ACTIVATED", await StatusAsync(client, channel));

        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        Assert.Equal("ACTIVATED", await StatusAsync(client, channel));

        var got = await client.OkAsync("GetContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        Assert.Equal(contact, got.GetProperty("ContactArn").GetString());
        Assert.Equal("akuas sms-test", got.GetProperty("Name").GetString());
        Assert.Equal("SMS", got.GetProperty("Type").GetString());
        Assert.Equal("+15005550199", got.GetProperty("DeliveryAddress").GetProperty("SimpleAddress").GetString());
    }

    [Fact]
    public async Task deferred_activation_sends_nothing_until_asked()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        var channel = await ChannelAsync(client, contact, "mail", "EMAIL", "p@example.com", defer: true);
        Assert.Null(await Outbox.LatestCodeAsync(fixture.Server.Endpoint, client.Account, "p@example.com"));

        await client.OkAsync("SendActivationCode", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        var code = await Outbox.LatestCodeAsync(fixture.Server.Endpoint, client.Account, "p@example.com");
        Assert.NotNull(code);
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");

        var again = await client.CallAsync("SendActivationCode", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        Assert.Equal("ValidationException", again.Type);
    }

    [Fact]
    public async Task activation_codes_are_rate_limited_per_channel()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        var channel = await ChannelAsync(client, contact, "voice", "VOICE", "+15005550100");
        for (var i = 0; i < 4; i++)
        {
            await client.OkAsync("SendActivationCode", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        }
        var refused = await client.CallAsync("SendActivationCode", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        Assert.Equal("ServiceQuotaExceededException", refused.Type);
    }

    [Fact]
    public async Task a_deactivated_channel_needs_a_fresh_code_to_come_back()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        var channel = await ChannelAsync(client, contact, "sms", "SMS", "+15005550101");
        var code = await Outbox.LatestCodeAsync(fixture.Server.Endpoint, client.Account, "+15005550101");
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        await client.OkAsync("DeactivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        Assert.Equal("NOT_ACTIVATED", await StatusAsync(client, channel));

        var reused = await client.CallAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");
        Assert.Equal("ValidationException", reused.Type);
        await client.OkAsync("SendActivationCode", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        var fresh = await Outbox.LatestCodeAsync(fixture.Server.Endpoint, client.Account, "+15005550101");
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{fresh}}}"}""");
        Assert.Equal("ACTIVATED", await StatusAsync(client, channel));
    }

    [Fact]
    public async Task a_new_address_is_never_paged_before_it_is_confirmed()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        var channel = await ChannelAsync(client, contact, "sms", "SMS", "+15005550102");
        var code = await Outbox.LatestCodeAsync(fixture.Server.Endpoint, client.Account, "+15005550102");
        await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""");

        await client.OkAsync("UpdateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","Name":"renamed"}""");
        Assert.Equal("ACTIVATED", await StatusAsync(client, channel));

        await client.OkAsync("UpdateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","DeliveryAddress":{"SimpleAddress":"+15005550198"}}""");
        Assert.Equal("NOT_ACTIVATED", await StatusAsync(client, channel));
        Assert.NotNull(await Outbox.LatestCodeAsync(fixture.Server.Endpoint, client.Account, "+15005550198"));
    }

    [Theory]
    [InlineData("SMS", "5005550199")]
    [InlineData("VOICE", "+0123")]
    [InlineData("SMS", "+1 500 555 0199")]
    [InlineData("EMAIL", "not-an-address")]
    [InlineData("EMAIL", "a@b")]
    public async Task an_address_that_does_not_fit_the_channel_type_is_rejected(string type, string address)
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        var response = await client.CallAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"c","Type":"{{{type}}}","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
            """);
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task only_personal_contacts_have_channels()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"esc","Type":"ESCALATION","Plan":{"Stages":[]}}""");
        var response = await client.CallAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{client.Arn("contact/esc")}}}","Name":"c","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550199"}}
            """);
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task a_channel_for_a_missing_contact_is_a_validation_error_because_not_found_is_not_modeled()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{client.Arn("contact/ghost")}}}","Name":"c","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550199"}}
            """);
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task a_contact_cannot_have_two_channels_with_one_name_or_one_address()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        await ChannelAsync(client, contact, "phone", "SMS", "+15005550103", defer: true);
        var sameName = await client.CallAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"phone","Type":"VOICE","DeliveryAddress":{"SimpleAddress":"+15005550104"}}
            """);
        Assert.Equal("ConflictException", sameName.Type);
        var sameAddress = await client.CallAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"other","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550103"}}
            """);
        Assert.Equal("ConflictException", sameAddress.Type);
        // The same number as a voice channel is a different way to reach the person.
        await ChannelAsync(client, contact, "voice", "VOICE", "+15005550103", defer: true);
    }

    [Fact]
    public async Task channels_are_listed_in_creation_order_page_by_page()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await ChannelAsync(client, contact, "c" + i, "EMAIL", $"p{i}@example.com", defer: true));
        }
        var listed = await ChannelListing.AllAsync(client, contact, pageSize: 2);
        Assert.Equal(created, listed);
    }

    [Fact]
    public async Task a_deleted_channel_is_gone_but_the_plan_keeps_naming_it()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        var channel = await ChannelAsync(client, contact, "sms", "SMS", "+15005550105", defer: true);
        await client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}","RetryIntervalInMinutes":1}}]}]}}
            """);
        await client.OkAsync("DeleteContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""");
        Assert.Equal("ResourceNotFoundException", (await client.CallAsync("GetContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""")).Type);
        var got = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{contact}}}"}""");
        var target = got.GetProperty("Plan").GetProperty("Stages")[0].GetProperty("Targets")[0].GetProperty("ChannelTargetInfo");
        Assert.Equal(channel, target.GetProperty("ContactChannelId").GetString());
        Assert.Equal(1, target.GetProperty("RetryIntervalInMinutes").GetInt32());
    }

    [Fact]
    public async Task a_channel_arn_with_the_wrong_contact_alias_names_nothing()
    {
        var client = fixture.NewClient();
        var contact = await PersonAsync(client, "p");
        await PersonAsync(client, "q");
        var channel = await ChannelAsync(client, contact, "sms", "SMS", "+15005550106", defer: true);
        var forged = channel.Replace("contact-channel/p/", "contact-channel/q/", StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", (await client.CallAsync("GetContactChannel", $$$"""{"ContactChannelId":"{{{forged}}}"}""")).Type);
    }
}
