using System.Net;
using Xunit;

namespace Callout.EndToEnd.Console;

/// Under --auth off a console request from this machine is the default account's administrator,
/// but not one a proxy passed on (it names a forwarded client: the person is elsewhere).
public sealed class LocalAdministratorTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-Real-IP", "203.0.113.9")]
    public async Task a_request_passed_on_by_a_proxy_is_sent_to_sign_in_rather_than_made_administrator(string header, string value)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Endpoint };

        var direct = await http.GetAsync("/console");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/console");
        forwarded.Headers.Add(header, value);
        var proxied = await http.SendAsync(forwarded);

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Found, proxied.StatusCode);
        Assert.StartsWith("/console/sign-in", proxied.Headers.Location!.OriginalString.Replace(fixture.Server.Endpoint.ToString().TrimEnd('/'), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
