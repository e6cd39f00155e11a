using System.Text.Json;
using Callout.EndToEnd.Harness;
using Ical.Net;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// Calendar feeds are reached by a secret token the owner creates, lists and revokes with signed
/// calls (Callout.CreateCalendarFeed, ListCalendarFeeds, RevokeCalendarFeed); a token is the whole
/// of the access, and nothing one account does reaches another's feeds.
public sealed class CalendarFeedTokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    static async Task<(int Status, string Text)> GetAsync(Uri uri)
    {
        using var response = await Http.GetAsync(uri);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    async Task<(ApiClient Client, string Rotation)> RotationAsync(string name = "Primary")
    {
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var rotation = await client.CreateRotationAsync("A,B,C", new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), "UTC", Daily0900, name);
        return (client, rotation);
    }

    static string Token(Uri feed) => feed.Segments[^2].TrimEnd('/');

    [Fact]
    public async Task a_created_feed_serves_the_calendar_until_it_is_revoked_and_then_404s_at_once()
    {
        var (client, rotation) = await RotationAsync();

        var created = await client.CalloutOkAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = rotation }));
        var url = new Uri(created.GetProperty("FeedUrl").GetString()!);
        var token = Token(url);
        Assert.Equal(new Uri(fixture.Server.Endpoint, $"_callout/feeds/{token}/calendar.ics"), url);
        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.DoesNotContain(client.Account, url.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(rotation.Split('/')[^1], url.ToString(), StringComparison.Ordinal);
        Assert.Equal(rotation, created.GetProperty("TargetArn").GetString());

        var (status, text) = await GetAsync(url);
        Assert.Equal(200, status);
        Assert.NotEmpty(Calendar.Load(text)!.Events);

        await client.CalloutOkAsync("RevokeCalendarFeed", JsonSerializer.Serialize(new { FeedId = created.GetProperty("FeedId").GetString() }));

        (status, text) = await GetAsync(url);
        Assert.Equal(404, status);
        Assert.Contains("Callout.CreateCalendarFeed", text, StringComparison.Ordinal);
        Assert.Empty((await client.CalloutOkAsync("ListCalendarFeeds", "{}")).GetProperty("CalendarFeeds").EnumerateArray());
    }

    [Fact]
    public async Task two_feeds_of_one_rotation_have_different_tokens_and_revoking_one_leaves_the_other()
    {
        var (client, rotation) = await RotationAsync();
        var first = await client.CreateFeedAsync(rotation);
        var second = await client.CreateFeedAsync(rotation);
        Assert.NotEqual(Token(first.Url), Token(second.Url));

        await client.CalloutOkAsync("RevokeCalendarFeed", JsonSerializer.Serialize(new { FeedId = first.Id }));

        Assert.Equal(404, (await GetAsync(first.Url)).Status);
        Assert.Equal(200, (await GetAsync(second.Url)).Status);
    }

    [Fact]
    public async Task the_list_shows_ids_targets_and_times_but_never_a_token_and_pages()
    {
        var (client, rotation) = await RotationAsync();
        var person = client.Arn("contact/b");
        var feeds = new[] { await client.CreateFeedAsync(rotation), await client.CreateFeedAsync(person), await client.CreateFeedAsync(rotation) };

        var page = await client.CalloutOkAsync("ListCalendarFeeds", """{"MaxResults": 2}""");
        var rest = await client.CalloutOkAsync("ListCalendarFeeds", JsonSerializer.Serialize(new { NextToken = page.GetProperty("NextToken").GetString() }));

        var listed = page.GetProperty("CalendarFeeds").EnumerateArray().Concat(rest.GetProperty("CalendarFeeds").EnumerateArray()).ToList();
        Assert.False(rest.TryGetProperty("NextToken", out _));
        // Oldest first; feeds made in the same millisecond follow their ids.
        Assert.Equal(feeds.Select(f => f.Id).Order(StringComparer.Ordinal), listed.Select(f => f.GetProperty("FeedId").GetString()!).Order(StringComparer.Ordinal));
        var order = listed.Select(f => (Created: f.GetProperty("CreatedTime").GetDecimal(), Id: f.GetProperty("FeedId").GetString()!)).ToList();
        Assert.Equal(order.OrderBy(o => o.Created).ThenBy(o => o.Id, StringComparer.Ordinal), order);
        var targets = new Dictionary<string, string> { [feeds[0].Id] = rotation, [feeds[1].Id] = person, [feeds[2].Id] = rotation };
        Assert.All(listed, f => Assert.Equal(targets[f.GetProperty("FeedId").GetString()!], f.GetProperty("TargetArn").GetString()));
        Assert.All(listed, f => Assert.InRange(f.GetProperty("CreatedTime").GetDouble(), DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()));
        Assert.All(listed, f => Assert.Equal(["CreatedTime", "FeedId", "TargetArn"], f.EnumerateObject().Select(m => m.Name).Order()));
        var text = page.GetRawText() + rest.GetRawText();
        Assert.All(feeds, f => Assert.DoesNotContain(Token(f.Url), text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task another_account_can_neither_list_nor_revoke_a_feed_nor_page_with_its_token()
    {
        var (owner, rotation) = await RotationAsync();
        var feed = await owner.CreateFeedAsync(rotation);
        await owner.CreateFeedAsync(rotation);
        var stranger = fixture.NewClient();

        Assert.Empty((await stranger.CalloutOkAsync("ListCalendarFeeds", "{}")).GetProperty("CalendarFeeds").EnumerateArray());
        var revoke = await stranger.CalloutAsync("RevokeCalendarFeed", JsonSerializer.Serialize(new { FeedId = feed.Id }));
        Assert.Equal("ResourceNotFoundException", revoke.Type);
        var next = await owner.CalloutOkAsync("ListCalendarFeeds", """{"MaxResults": 1}""");
        var foreignToken = await stranger.CalloutAsync("ListCalendarFeeds", JsonSerializer.Serialize(new { NextToken = next.GetProperty("NextToken").GetString() }));
        Assert.Equal("ValidationException", foreignToken.Type);
        // The same region of another account, and another region of the same account.
        var elsewhere = new ApiClient(fixture.Server.Endpoint, owner.Account, "eu-west-1");
        Assert.Equal("ResourceNotFoundException", (await elsewhere.CalloutAsync("RevokeCalendarFeed", JsonSerializer.Serialize(new { FeedId = feed.Id }))).Type);

        Assert.Equal(200, (await GetAsync(feed.Url)).Status);
    }

    [Fact]
    public async Task a_persons_feed_holds_their_shifts_in_every_rotation_and_no_one_elses()
    {
        var (client, _) = await RotationAsync("Primary");
        await client.CreateRotationAsync("C,B", new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), "UTC", Daily0900, "Secondary");
        await client.CreateRotationAsync("A,C", new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), "UTC", Daily0900, "Without b");
        var feed = await client.CreateFeedAsync(client.Arn("contact/b"), "days=10");

        var (status, text) = await GetAsync(feed.Url);

        Assert.Equal(200, status);
        var calendar = Calendar.Load(text)!;
        Assert.Equal("On call: b", calendar.Properties["X-WR-CALNAME"]?.Value?.ToString());
        Assert.All(calendar.Events, e => Assert.Contains("b", e.Summary!.Split(": ")[1].Split(", ")));
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("On call (Primary)", StringComparison.Ordinal));
        Assert.Contains(calendar.Events, e => e.Summary!.StartsWith("On call (Secondary)", StringComparison.Ordinal));
        Assert.DoesNotContain(calendar.Events, e => e.Summary!.StartsWith("On call (Without b)", StringComparison.Ordinal));
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
    }

    [Theory]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%2B")]
    [InlineData("..%2F..%2Fetc")]
    public async Task a_wrong_or_malformed_token_gets_the_same_404(string token)
    {
        var (status, text) = await GetAsync(new Uri(fixture.Server.Endpoint, $"_callout/feeds/{token}/calendar.ics"));

        Assert.Equal(404, status);
        Assert.Contains("No calendar feed has this address", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "ValidationException")]
    [InlineData("""{"TargetArn": 5}""", "ValidationException")]
    [InlineData("""{"TargetArn": ""}""", "ValidationException")]
    [InlineData("""{"TargetArn": "not an arn"}""", "ValidationException")]
    [InlineData("""{"TargetArn": "arn:aws:ssm-contacts:us-east-1:123456789012:engagement/a/b"}""", "ValidationException")]
    public async Task a_create_call_without_a_rotation_or_contact_arn_is_a_validation_error(string body, string type)
    {
        var response = await fixture.NewClient().CalloutAsync("CreateCalendarFeed", body);

        Assert.Equal(400, response.Status);
        Assert.Equal(type, response.Type);
        Assert.Contains("TargetArn", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task only_a_person_has_a_feed_of_their_own()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"escalate","Type":"ESCALATION","Plan":{"Stages":[]}}""");

        var response = await client.CalloutAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = client.Arn("contact/escalate") }));
        var unknown = await client.CalloutAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = client.Arn("contact/nobody") }));

        Assert.Equal("ValidationException", response.Type);
        Assert.Contains("not a person", response.Text, StringComparison.Ordinal);
        Assert.Equal("ResourceNotFoundException", unknown.Type);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"FeedId": ""}""")]
    [InlineData("""{"FeedId": ["x"]}""")]
    public async Task a_revoke_call_without_a_feed_id_is_a_validation_error(string body)
    {
        var response = await fixture.NewClient().CalloutAsync("RevokeCalendarFeed", body);

        Assert.Equal("ValidationException", response.Type);
        Assert.Contains("FeedId", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_feed_whose_rotation_was_deleted_answers_404()
    {
        var (client, rotation) = await RotationAsync();
        var feed = await client.CreateFeedAsync(rotation);

        await client.OkAsync("DeleteRotation", JsonSerializer.Serialize(new { RotationId = rotation }));

        var (status, text) = await GetAsync(feed.Url);
        Assert.Equal(404, status);
        Assert.Contains("deleted", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_account_has_at_most_1000_feeds_and_revoking_one_makes_room()
    {
        var (client, rotation) = await RotationAsync();
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) => ids.Add((await client.CreateFeedAsync(rotation)).Id));

        var refused = await client.CalloutAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = rotation }));
        Assert.Equal("ServiceQuotaExceededException", refused.Type);
        Assert.Contains("RevokeCalendarFeed", refused.Text, StringComparison.Ordinal);

        await client.CalloutOkAsync("RevokeCalendarFeed", JsonSerializer.Serialize(new { FeedId = ids.First() }));
        Assert.Equal(200, (await client.CalloutAsync("CreateCalendarFeed", JsonSerializer.Serialize(new { TargetArn = rotation }))).Status);
    }
}
