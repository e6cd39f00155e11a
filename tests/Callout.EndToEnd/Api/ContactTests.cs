using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

/// docs/spec/domain.md §2.1 and §2.3: contacts and the plans they may hold.
public sealed class ContactTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static string Personal(string alias, string? name = null) =>
        "{\"Alias\":\"" + alias + "\"," + (name is null ? "" : "\"DisplayName\":\"" + name + "\",") + "\"Type\":\"PERSONAL\",\"Plan\":{\"Stages\":[]}}";

    [Fact]
    public async Task a_created_contact_is_read_back_with_its_arn_and_an_empty_plan()
    {
        var client = fixture.NewClient();
        var created = await client.OkAsync("CreateContact", Personal("akuam", "Akua Mansa"));
        Assert.Equal(client.Arn("contact/akuam"), created.GetProperty("ContactArn").GetString());

        var got = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/akuam")}}}"}""");
        Assert.Equal("akuam", got.GetProperty("Alias").GetString());
        Assert.Equal("Akua Mansa", got.GetProperty("DisplayName").GetString());
        Assert.Equal("PERSONAL", got.GetProperty("Type").GetString());
        Assert.Equal("""{"Stages":[]}""", got.GetProperty("Plan").GetRawText());
    }

    [Fact]
    public async Task a_second_contact_with_the_same_alias_is_a_conflict()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", Personal("dup"));
        var again = await client.CallAsync("CreateContact", Personal("dup"));
        Assert.Equal("ConflictException", again.Type);
        Assert.Equal(client.Arn("contact/dup"), again.Json.GetProperty("ResourceId").GetString());
        Assert.Equal("CONTACT", again.Json.GetProperty("ResourceType").GetString());
    }

    [Fact]
    public async Task an_escalation_plan_targets_people_and_keeps_its_stages_in_order()
    {
        var client = fixture.NewClient();
        foreach (var alias in new[] { "akuam", "alejr", "anasi" })
        {
            await client.OkAsync("CreateContact", Personal(alias));
        }
        var plan = $$$"""
            {"Stages":[
              {"DurationInMinutes":5,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/akuam")}}}","IsEssential":true}}]},
              {"DurationInMinutes":5,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/alejr")}}}","IsEssential":false}}]},
              {"DurationInMinutes":0,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/anasi")}}}","IsEssential":false}}]}]}
            """;
        await client.OkAsync("CreateContact", $$$"""{"Alias":"example_escalation","DisplayName":"Example Escalation Plan","Type":"ESCALATION","Plan":{{{plan}}}}""");
        var got = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/example_escalation")}}}"}""");
        var stages = got.GetProperty("Plan").GetProperty("Stages");
        Assert.Equal(3, stages.GetArrayLength());
        Assert.Equal(0, stages[2].GetProperty("DurationInMinutes").GetInt32());
        var first = stages[0].GetProperty("Targets")[0].GetProperty("ContactTargetInfo");
        Assert.Equal(client.Arn("contact/akuam"), first.GetProperty("ContactId").GetString());
        Assert.True(first.GetProperty("IsEssential").GetBoolean());
    }

    [Fact]
    public async Task an_escalation_plan_cannot_target_another_escalation_plan()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"inner","Type":"ESCALATION","Plan":{"Stages":[]}}""");
        var response = await client.CallAsync("CreateContact", $$$"""
            {"Alias":"outer","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/inner")}}}","IsEssential":true}}]}]}}
            """);
        Assert.Equal("ValidationException", response.Type);
        Assert.Equal("OTHER", response.Json.GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task a_plan_that_names_a_missing_contact_is_a_validation_error_not_a_missing_resource()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateContact", $$$"""
            {"Alias":"esc","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/ghost")}}}","IsEssential":true}}]}]}}
            """);
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task a_personal_plan_cannot_use_another_contacts_channel()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", Personal("owner"));
        await client.OkAsync("CreateContact", Personal("other"));
        var channel = await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{client.Arn("contact/owner")}}}","Name":"sms","Type":"SMS","DeliveryAddress":{"SimpleAddress":"+15005550199"},"DeferActivation":true}
            """);
        var arn = channel.GetProperty("ContactChannelArn").GetString();
        var response = await client.CallAsync("UpdateContact", $$$"""
            {"ContactId":"{{{client.Arn("contact/other")}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{arn}}}"}}]}]}}
            """);
        Assert.Equal("ValidationException", response.Type);

        await client.OkAsync("UpdateContact", $$$"""
            {"ContactId":"{{{client.Arn("contact/owner")}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{arn}}}","RetryIntervalInMinutes":1}}]}]}}
            """);
    }

    [Fact]
    public async Task an_oncall_schedule_cannot_have_stages()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("CreateContact", """
            {"Alias":"sched","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[{"DurationInMinutes":1}]}}
            """);
        Assert.Equal("ValidationException", response.Type);
        Assert.Contains("ONCALL SCHEDULE contact cannot have stages in plan", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_stage_of_zero_minutes_needs_a_target_but_a_wait_stage_needs_none()
    {
        var client = fixture.NewClient();
        var zero = await client.CallAsync("CreateContact", """{"Alias":"z","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":0,"Targets":[]}]}}""");
        Assert.Equal("ValidationException", zero.Type);
        await client.OkAsync("CreateContact", """{"Alias":"w","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":1}]}}""");
    }

    [Fact]
    public async Task a_target_with_both_a_channel_and_a_contact_is_rejected()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", Personal("p"));
        var response = await client.CallAsync("CreateContact", $$$"""
            {"Alias":"both","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[{
              "ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/p")}}}","IsEssential":true},
              "ChannelTargetInfo":{"ContactChannelId":"{{{client.Arn("contact-channel/p/00000000-0000-0000-0000-000000000000")}}}"}}]}]}}
            """);
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task more_stages_than_the_limit_exceed_the_quota()
    {
        var client = fixture.NewClient();
        var stages = string.Join(",", Enumerable.Repeat("""{"DurationInMinutes":1}""", 11));
        var response = await client.CallAsync("CreateContact", $$$"""{"Alias":"long","Type":"ESCALATION","Plan":{"Stages":[{{{stages}}}]}}""");
        Assert.Equal("ServiceQuotaExceededException", response.Type);
        Assert.Equal("ssm-contacts", response.Json.GetProperty("ServiceCode").GetString());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("QuotaCode").GetString()));
    }

    [Fact]
    public async Task update_leaves_omitted_members_alone_and_clears_what_is_sent_empty()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", Personal("p"));
        await client.OkAsync("CreateContact", """{"Alias":"e","DisplayName":"Escalation","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":3}]}}""");
        var id = client.Arn("contact/e");

        await client.OkAsync("UpdateContact", $$$"""{"ContactId":"{{{id}}}","DisplayName":"Renamed"}""");
        var got = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{id}}}"}""");
        Assert.Equal("Renamed", got.GetProperty("DisplayName").GetString());
        Assert.Equal(1, got.GetProperty("Plan").GetProperty("Stages").GetArrayLength());

        // Terraform deletes a plan by sending empty stages, and unsets a name with "".
        await client.OkAsync("UpdateContact", $$$"""{"ContactId":"{{{id}}}","DisplayName":"","Plan":{"Stages":[]}}""");
        got = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{id}}}"}""");
        Assert.False(got.TryGetProperty("DisplayName", out _));
        Assert.Equal(0, got.GetProperty("Plan").GetProperty("Stages").GetArrayLength());
    }

    [Fact]
    public async Task updating_a_missing_contact_is_a_missing_resource()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("UpdateContact", $$$"""{"ContactId":"{{{client.Arn("contact/ghost")}}}","DisplayName":"x"}""");
        Assert.Equal("ResourceNotFoundException", response.Type);
    }

    [Fact]
    public async Task deleting_a_contact_removes_its_channels_tags_and_policy()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"gone","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"team","Value":"sre"}]}""");
        var contact = client.Arn("contact/gone");
        var channel = (await client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"gone@example.com"},"DeferActivation":true}
            """)).GetProperty("ContactChannelArn").GetString();
        await client.OkAsync("PutContactPolicy", $$$"""{"ContactArn":"{{{contact}}}","Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"}""");

        await client.OkAsync("DeleteContact", $$$"""{"ContactId":"{{{contact}}}"}""");

        Assert.Equal("ResourceNotFoundException", (await client.CallAsync("GetContact", $$$"""{"ContactId":"{{{contact}}}"}""")).Type);
        Assert.Equal("ResourceNotFoundException", (await client.CallAsync("GetContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""")).Type);
        Assert.Equal("ResourceNotFoundException", (await client.CallAsync("ListTagsForResource", $$$"""{"ResourceARN":"{{{contact}}}"}""")).Type);
        Assert.Equal("ResourceNotFoundException", (await client.CallAsync("GetContactPolicy", $$$"""{"ContactArn":"{{{contact}}}"}""")).Type);

        // The alias is free again, with nothing left over from before.
        await client.OkAsync("CreateContact", Personal("gone"));
        var tags = await client.OkAsync("ListTagsForResource", $$$"""{"ResourceARN":"{{{contact}}}"}""");
        Assert.Equal(0, tags.GetProperty("Tags").GetArrayLength());
    }

    [Fact]
    public async Task deleting_a_contact_named_by_an_escalation_plan_keeps_the_reference()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", Personal("member"));
        await client.OkAsync("CreateContact", $$$"""
            {"Alias":"esc","Type":"ESCALATION","Plan":{"Stages":[{"DurationInMinutes":1,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/member")}}}","IsEssential":false}}]}]}}
            """);
        await client.OkAsync("DeleteContact", $$$"""{"ContactId":"{{{client.Arn("contact/member")}}}"}""");
        var esc = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/esc")}}}"}""");
        var target = esc.GetProperty("Plan").GetProperty("Stages")[0].GetProperty("Targets")[0];
        Assert.Equal(client.Arn("contact/member"), target.GetProperty("ContactTargetInfo").GetProperty("ContactId").GetString());
    }

    [Fact]
    public async Task list_contacts_filters_by_alias_prefix_and_type_in_alias_order()
    {
        var client = fixture.NewClient();
        foreach (var alias in new[] { "team_b", "team-a", "teamz", "other" })
        {
            await client.OkAsync("CreateContact", Personal(alias));
        }
        await client.OkAsync("CreateContact", """{"Alias":"team_esc","Type":"ESCALATION","Plan":{"Stages":[]}}""");

        var all = await client.OkAsync("ListContacts", "{}");
        Assert.Equal(["other", "team-a", "team_b", "team_esc", "teamz"], all.GetProperty("Contacts").EnumerateArray().Select(c => c.GetProperty("Alias").GetString()));

        var prefixed = await client.OkAsync("ListContacts", """{"AliasPrefix":"team_"}""");
        Assert.Equal(["team_b", "team_esc"], prefixed.GetProperty("Contacts").EnumerateArray().Select(c => c.GetProperty("Alias").GetString()));

        var escalations = await client.OkAsync("ListContacts", """{"Type":"ESCALATION"}""");
        Assert.Equal(["team_esc"], escalations.GetProperty("Contacts").EnumerateArray().Select(c => c.GetProperty("Alias").GetString()));
    }
}
