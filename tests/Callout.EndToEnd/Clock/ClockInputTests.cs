using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Clock;

/// `POST /_callout/clock/advance` with a body or query it cannot use answers 400 with a message and
/// leaves the clock where it was; nothing a caller sends makes it fail with a 500.
public sealed class ClockInputTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(1) };

    [Theory]
    [InlineData("""{"seconds":3e11}""")]
    [InlineData("""{"seconds":1e300}""")]
    [InlineData("""{"seconds":"60"}""")]
    [InlineData("""{"seconds":-1}""")]
    [InlineData("""{"seconds":null}""")]
    [InlineData("""{"duration":"P10675199D"}""")]
    [InlineData("""{"duration":60}""")]
    [InlineData("""{"duration":null}""")]
    [InlineData("""{"duration":"soon"}""")]
    [InlineData("[]")]
    [InlineData("60")]
    [InlineData("\"PT5M\"")]
    [InlineData("{}")]
    [InlineData("{")]
    [InlineData("")]
    public async Task a_body_it_cannot_use_is_a_400_with_a_message(string body)
    {
        var before = await VirtualTime.NowAsync(fixture.Endpoint);
        using var response = await Http.PostAsync(new Uri(fixture.Endpoint, "_callout/clock/advance"),
            new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertRefusedAsync(response);
        Assert.Equal(before, await VirtualTime.NowAsync(fixture.Endpoint));
    }

    [Theory]
    [InlineData("seconds=abc")]
    [InlineData("seconds=")]
    [InlineData("seconds=NaN")]
    [InlineData("seconds=1e20")]
    [InlineData("duration=P400D")]
    [InlineData("duration=-PT1M")]
    public async Task a_query_it_cannot_use_is_a_400_with_a_message(string query)
    {
        using var response = await Http.PostAsync(new Uri(fixture.Endpoint, "_callout/clock/advance?" + query), null);
        await AssertRefusedAsync(response);
    }

    [Fact]
    public async Task a_year_is_one_advance()
    {
        var before = await VirtualTime.NowAsync(fixture.Endpoint);
        var after = await VirtualTime.AdvanceAsync(fixture.Endpoint, TimeSpan.FromDays(366));
        Assert.Equal(366m * 86_400, after - before);
    }

    static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, $"HTTP {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("Message").GetString()));
    }
}
