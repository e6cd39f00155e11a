using System.Net;
using System.Text.Json;
using Callout.EndToEnd.Harness;
using Microsoft.Playwright;

namespace Callout.EndToEnd.Console;

/// The contact pages: contacts and channels made in the console, activation with the code the
/// outbox received, a test page, the plan editor saving through UpdateContact, and hostile input.
public sealed class ContactPagesTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    static int _next;

    /// An alias no other test of this fixture uses.
    static string Alias(string name) => $"{name}-{Interlocked.Increment(ref _next)}";

    string Arn(string alias) => fixture.Api.Arn("contact/" + alias);

    async Task<string> PersonAsync(string alias, string? displayName = null)
    {
        var body = new Dictionary<string, object> { ["Alias"] = alias, ["Type"] = "PERSONAL", ["Plan"] = new { Stages = Array.Empty<object>() } };
        if (displayName is not null)
        {
            body["DisplayName"] = displayName;
        }
        await fixture.Api.OkAsync("CreateContact", JsonSerializer.Serialize(body));
        return Arn(alias);
    }

    async Task<string> ChannelAsync(string alias, string name, string address)
    {
        var created = await fixture.Api.OkAsync("CreateContactChannel", JsonSerializer.Serialize(new
        {
            ContactId = Arn(alias), Name = name, Type = "EMAIL", DeliveryAddress = new { SimpleAddress = address }, DeferActivation = true,
        }));
        return created.GetProperty("ContactChannelArn").GetString()!;
    }

    async Task<JsonElement> PlanAsync(string alias) =>
        (await fixture.Api.OkAsync("GetContact", JsonSerializer.Serialize(new { ContactId = Arn(alias) }))).GetProperty("Plan");

    [Fact]
    public async Task A_contact_and_channel_made_in_the_console_are_activated_with_the_code_the_outbox_received()
    {
        var alias = Alias("ada");
        var address = alias + "@example.com";
        var page = await fixture.OpenAsync("/console/contacts");
        await page.Locator("#Alias").FillAsync(alias);
        await page.Locator("#DisplayName").FillAsync("Ada Lovelace");
        await page.Locator("#NewType").SelectOptionAsync("PERSONAL");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create contact" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/contacts/{alias}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Ada Lovelace ({alias})");

        await page.GetByText("Add a channel").ClickAsync();
        await page.Locator("#ChannelName").FillAsync("work-mail");
        await page.Locator("#ChannelType").SelectOptionAsync("EMAIL");
        await page.Locator("#ChannelAddress").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        var channel = page.Locator("article.channel[data-channel='work-mail']");
        await Assertions.Expect(channel.Locator(".status")).ToHaveTextAsync("Not activated");

        await channel.GetByRole(AriaRole.Button, new() { Name = "Send activation code" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Activation code sent.");
        var code = await Outbox.LatestCodeAsync(fixture.Server.Endpoint, fixture.Account, address);
        Assert.False(string.IsNullOrEmpty(code), "the activation code reached the outbox");
        await page.Locator("article.channel[data-channel='work-mail'] input[name=Code]").FillAsync(code!);
        await page.Locator("article.channel[data-channel='work-mail']").GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Assertions.Expect(page.Locator("article.channel[data-channel='work-mail'] .status")).ToHaveTextAsync("Activated");

        var channels = await fixture.Api.OkAsync("ListContactChannels", JsonSerializer.Serialize(new { ContactId = Arn(alias) }));
        Assert.Equal("ACTIVATED", channels.GetProperty("ContactChannels")[0].GetProperty("ActivationStatus").GetString());
        await ConsoleBrowser.ScreenshotAsync(page, "contact-detail");
        await page.SetViewportSizeAsync(390, 844);
        await ConsoleBrowser.ScreenshotAsync(page, "contact-detail-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator("article.channel[data-channel='work-mail'] .status")).ToHaveTextAsync("Not activated");
        // Each change is in the audit log under the console user's name.
        var audit = await fixture.Api.SendAsync("Callout.ListAuditEvents", System.Text.Encoding.UTF8.GetBytes("{\"MaxResults\":1000}"));
        var mine = audit.Json.GetProperty("AuditEvents").EnumerateArray()
            .Where(e => e.GetProperty("Caller").GetString() == "console:local" && e.GetProperty("Outcome").GetString() == "Success")
            .Select(e => e.GetProperty("Operation").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "CreateContact", "CreateContactChannel", "SendActivationCode", "ActivateContactChannel", "DeactivateContactChannel" }, mine);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_activation_code_is_refused_in_the_api_s_words_and_the_channel_stays_inactive()
    {
        var alias = Alias("bea");
        await PersonAsync(alias);
        await ChannelAsync(alias, "mail", alias + "@example.com");
        var page = await fixture.OpenAsync($"/console/contacts/{alias}");
        await page.Locator("article.channel[data-channel='mail'] input[name=Code]").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("Exception");
        await Assertions.Expect(page.Locator("article.channel[data-channel='mail'] .status")).ToHaveTextAsync("Not activated");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_test_page_starts_an_engagement_of_the_contact_through_start_engagement()
    {
        var alias = Alias("cy");
        await PersonAsync(alias);
        var channel = await ChannelAsync(alias, "mail", alias + "@example.com");
        await fixture.Api.OkAsync("UpdateContact", JsonSerializer.Serialize(new
        {
            ContactId = Arn(alias),
            Plan = new { Stages = new[] { new { DurationInMinutes = 5, Targets = new[] { new { ChannelTargetInfo = new { ContactChannelId = channel, RetryIntervalInMinutes = 1 } } } } } },
        }));
        var page = await fixture.OpenAsync($"/console/contacts/{alias}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test page" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Test page started");
        var engagements = await fixture.Api.OkAsync("ListEngagements", "{}");
        var mine = engagements.GetProperty("Engagements").EnumerateArray().Single(e => e.GetProperty("ContactArn").GetString() == Arn(alias));
        Assert.Equal("Callout console", mine.GetProperty("Sender").GetString());
        var described = await fixture.Api.OkAsync("DescribeEngagement", JsonSerializer.Serialize(new { EngagementId = mine.GetProperty("EngagementArn").GetString() }));
        Assert.Equal("Test page from the Callout console", described.GetProperty("Subject").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stage_with_a_channel_target_and_retry_interval_saved_in_the_editor_is_what_get_contact_answers()
    {
        var alias = Alias("dee");
        await PersonAsync(alias, "Dee");
        var channel = await ChannelAsync(alias, "pager-mail", alias + "@example.com");
        var page = await fixture.OpenAsync($"/console/contacts/{alias}/plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();
        await page.GetByLabel("Duration (minutes)").FillAsync("10");
        await page.GetByLabel("Stage 1 target 1", new() { Exact = true }).SelectOptionAsync(channel);
        await page.GetByLabel("Stage 1 target 1 retry interval in minutes").FillAsync("3");
        // A second stage added and removed again keeps what the first one holds.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove stage 2" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Duration (minutes)")).ToHaveValueAsync("10");
        await ConsoleBrowser.ScreenshotAsync(page, "plan-editor");
        await page.SetViewportSizeAsync(390, 844);
        await ConsoleBrowser.ScreenshotAsync(page, "plan-editor-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/contacts/{alias}");
        await Assertions.Expect(page.Locator("ol.plan")).ToContainTextAsync("retry every 3 min");

        var stages = (await PlanAsync(alias)).GetProperty("Stages");
        Assert.Equal(1, stages.GetArrayLength());
        Assert.Equal(10, stages[0].GetProperty("DurationInMinutes").GetInt32());
        var target = stages[0].GetProperty("Targets")[0].GetProperty("ChannelTargetInfo");
        Assert.Equal(channel, target.GetProperty("ContactChannelId").GetString());
        Assert.Equal(3, target.GetProperty("RetryIntervalInMinutes").GetInt32());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_duration_out_of_range_is_refused_on_the_form_with_the_values_kept_and_nothing_saved()
    {
        var alias = Alias("eve");
        await PersonAsync(alias);
        var channel = await ChannelAsync(alias, "mail", alias + "@example.com");
        var page = await fixture.OpenAsync($"/console/contacts/{alias}/plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();
        await page.GetByLabel("Duration (minutes)").FillAsync("100");
        await page.GetByLabel("Stage 1 target 1", new() { Exact = true }).SelectOptionAsync(channel);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("ValidationException");
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("durationInMinutes");
        await Assertions.Expect(page.GetByLabel("Duration (minutes)")).ToHaveValueAsync("100");
        await Assertions.Expect(page.GetByLabel("Stage 1 target 1", new() { Exact = true })).ToHaveValueAsync(channel);
        Assert.Equal(0, (await PlanAsync(alias)).GetProperty("Stages").GetArrayLength());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_escalation_plan_gets_a_stage_of_essential_contact_targets()
    {
        var first = Alias("fay");
        var second = Alias("gus");
        var plan = Alias("escalate");
        await PersonAsync(first);
        await PersonAsync(second);
        await fixture.Api.OkAsync("CreateContact", JsonSerializer.Serialize(new { Alias = plan, Type = "ESCALATION", Plan = new { Stages = Array.Empty<object>() } }));
        var page = await fixture.OpenAsync($"/console/contacts/{plan}/plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();
        await page.GetByLabel("Duration (minutes)").FillAsync("5");
        await page.GetByLabel("Stage 1 target 1", new() { Exact = true }).SelectOptionAsync(Arn(first));
        await page.GetByLabel("Stage 1 target 1 essential").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target to stage 1" }).ClickAsync();
        await page.GetByLabel("Stage 1 target 2", new() { Exact = true }).SelectOptionAsync(Arn(second));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/contacts/{plan}");

        var targets = (await PlanAsync(plan)).GetProperty("Stages")[0].GetProperty("Targets").EnumerateArray()
            .Select(t => t.GetProperty("ContactTargetInfo")).Select(c => (c.GetProperty("ContactId").GetString(), c.GetProperty("IsEssential").GetBoolean())).ToList();
        Assert.Equal([(Arn(first), true), (Arn(second), false)], targets);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_script_typed_into_the_forms_comes_back_in_the_refusal_as_text_and_never_runs()
    {
        // The API refuses such an alias or name, and its message repeats the value: the page shows it as typed.
        const string hostile = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
        var page = await fixture.OpenAsync("/console/contacts");
        var dialogs = 0;
        page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await page.Locator("#Alias").FillAsync(hostile);
        await page.Locator("#DisplayName").FillAsync(hostile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create contact" }).ClickAsync();
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("ValidationException");
        await Assertions.Expect(page.Locator(".problem")).ToContainTextAsync("<script>alert(1)</script>");
        await Assertions.Expect(page.Locator("#DisplayName")).ToHaveValueAsync(hostile);

        var alias = Alias("hal");
        await PersonAsync(alias, "Hal");
        await page.GotoAsync($"/console/contacts/{alias}");
        await page.GetByText("Add a channel").ClickAsync();
        await page.Locator("#ChannelName").FillAsync("mail");
        await page.Locator("#ChannelAddress").FillAsync(hostile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add channel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".problem")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ChannelAddress")).ToHaveValueAsync(hostile);
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_on_call_schedule_s_rotations_are_chosen_in_the_editor()
    {
        var person = Alias("jo");
        await PersonAsync(person);
        var rotations = new List<string>();
        foreach (var name in new[] { "primary", "secondary" })
        {
            var created = await fixture.Api.OkAsync("CreateRotation", JsonSerializer.Serialize(new
            {
                Name = $"{name}-{Interlocked.Increment(ref _next)}", ContactIds = new[] { Arn(person) }, TimeZoneId = "UTC",
                Recurrence = new { NumberOfOnCalls = 1, RecurrenceMultiplier = 1, DailySettings = new[] { new { HourOfDay = 9, MinuteOfHour = 0 } } },
            }));
            rotations.Add(created.GetProperty("RotationArn").GetString()!);
        }
        var schedule = Alias("oncall");
        await fixture.Api.OkAsync("CreateContact", JsonSerializer.Serialize(new { Alias = schedule, Type = "ONCALL_SCHEDULE", Plan = new { RotationIds = new[] { rotations[0] } } }));
        var page = await fixture.OpenAsync($"/console/contacts/{schedule}/plan");
        await Assertions.Expect(page.Locator($"input[name='Form.RotationIds'][value='{rotations[0]}']")).ToBeCheckedAsync();
        await page.Locator($"input[name='Form.RotationIds'][value='{rotations[1]}']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/contacts/{schedule}");
        Assert.Equal(rotations.Order(), (await PlanAsync(schedule)).GetProperty("RotationIds").EnumerateArray().Select(r => r.GetString()!).Order());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_contacts_list_filters_by_type()
    {
        var person = Alias("ivy");
        var plan = Alias("esc");
        await PersonAsync(person, "Ivy");
        await fixture.Api.OkAsync("CreateContact", JsonSerializer.Serialize(new { Alias = plan, Type = "ESCALATION", Plan = new { Stages = Array.Empty<object>() } }));
        var page = await fixture.OpenAsync("/console/contacts?type=ESCALATION");
        await Assertions.Expect(page.Locator("table.contacts")).ToContainTextAsync(plan);
        await Assertions.Expect(page.Locator("table.contacts")).Not.ToContainTextAsync(person);
        // Choosing a type submits the filter form (console.js, data-submit-on-change).
        var filtered = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/console/contacts\\?type=PERSONAL$"));
        await page.Locator("#type").SelectOptionAsync("PERSONAL");
        await filtered;
        await Assertions.Expect(page.Locator("table.contacts")).ToContainTextAsync(person);
        await Assertions.Expect(page.Locator("table.contacts")).Not.ToContainTextAsync(plan);
        await page.GotoAsync("/console/contacts");
        await ConsoleBrowser.ScreenshotAsync(page, "contacts");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/console/contacts/nobody-here")]
    [InlineData("/console/contacts/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/console/contacts/%3Cscript%3E")]
    [InlineData("/console/contacts/UPPER")]
    [InlineData("/console/contacts/nobody-here/plan")]
    [InlineData("/console/schedules/not-a-rotation")]
    [InlineData("/console/schedules/..%2F..%2Fetc")]
    [InlineData("/console/schedules/00000000-0000-0000-0000-000000000000")]
    [InlineData("/console/schedules/00000000-0000-0000-0000-000000000000/edit")]
    public async Task A_hostile_or_unknown_id_is_not_found(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_very_long_alias_or_rotation_id_is_not_found()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.Endpoint };
        foreach (var path in new[] { "/console/contacts/" + new string('a', 5000), "/console/schedules/" + new string('f', 5000), "/console/contacts/" + new string('a', 300) + "/plan" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
