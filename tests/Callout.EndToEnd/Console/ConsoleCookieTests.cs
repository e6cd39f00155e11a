using System.Net;
using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;
using Xunit;

namespace Callout.EndToEnd.Console;

/// The console's cookies as a browser receives them, read at the HTTP level: HttpOnly, SameSite
/// and scoped to /console, and Secure when the server is reached over TLS (a --public-url of
/// https, since Callout reads no forwarded headers).
public sealed partial class ConsoleCookieTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("https://console.example.test/", true)]
    public async Task the_sign_in_cookie_is_http_only_same_site_strict_and_secure_only_behind_https(string? publicUrl, bool secure)
    {
        var directory = Directory.CreateTempSubdirectory("callout-console-cookies-").FullName;
        try
        {
            var added = await ServerCommand.RunToExitAsync(
                ["users", "add", "cookie-admin", "--role", "administrator", "--account", "123456789012", "--data-dir", directory], input: SignInFixture.Password + "\n");
            Assert.Equal(0, added.Code);
            await using var server = await ServerProcess.StartAsync(directory,
                publicUrl is null ? ["--auth", "strict", "--credentials", "AKIACOOKIES:c2VjcmV0:123456789012"]
                    : ["--auth", "strict", "--credentials", "AKIACOOKIES:c2VjcmV0:123456789012", "--public-url", publicUrl]);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.Endpoint };

            var form = await http.GetAsync("/console/sign-in");
            var antiforgery = CookiePair(form, "callout-console-antiforgery");
            var token = TokenField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                    ["userName"] = "cookie-admin",
                    ["password"] = SignInFixture.Password,
                }),
            };
            post.Headers.Add("Cookie", antiforgery);
            var signedIn = await http.SendAsync(post);

            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
            var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("callout-console=", StringComparison.Ordinal));
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.Contains("path=/console", attributes);
            Assert.Equal(secure, attributes.Contains("secure"));
            var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("callout-console-antiforgery=", StringComparison.Ordinal)).ToLowerInvariant();
            Assert.Contains("httponly", antiforgeryCookie);
            Assert.Equal(secure, antiforgeryCookie.Contains("; secure", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    static string CookiePair(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
