using Xunit;

namespace Callout.Tests.Configuration;

/// A bad setting stops the server before anything starts, with one line that names the setting
/// wherever it can be set.
public sealed class ConfigurationValidationTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void an_unknown_flag_is_named()
    {
        Assert.Contains("'--bogus'", _config.LoadFails("--bogus", "1"), StringComparison.Ordinal);
    }

    [Fact]
    public void a_flag_without_its_value_is_named()
    {
        Assert.Contains("'--urls' needs a value", _config.LoadFails("--urls"), StringComparison.Ordinal);
    }

    [Fact]
    public void a_bad_value_in_the_file_names_the_flag_the_variable_and_the_key()
    {
        _config.WriteFile("callout.json", """{ "auth": { "mode": "loose" } }""");
        var message = _config.LoadFails();
        Assert.Contains("--auth", message, StringComparison.Ordinal);
        Assert.Contains("CALLOUT_AUTH", message, StringComparison.Ordinal);
        Assert.Contains("auth.mode", message, StringComparison.Ordinal);
        Assert.Contains("'loose'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_misspelt_key_in_the_file_is_refused()
    {
        _config.WriteFile("callout.json", """{ "server": { "url": "http://127.0.0.1:1" } }""");
        Assert.Contains("'server.url'", _config.LoadFails(), StringComparison.Ordinal);
    }

    [Fact]
    public void a_file_that_is_not_json_is_refused_in_one_line()
    {
        _config.WriteFile("callout.json", "{ server: ");
        var message = _config.LoadFails();
        Assert.Contains("callout.json", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void a_named_file_that_does_not_exist_is_refused()
    {
        Assert.Contains("missing.json", _config.LoadFails("--config", "missing.json"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CALLOUT_DEFAULT_ACCOUNT", "12345", "12 digits")]
    [InlineData("CALLOUT_CLOCK", "fast", "system or virtual")]
    [InlineData("CALLOUT_PUBLIC_URL", "ftp://example.com", "http or https")]
    [InlineData("CALLOUT_IN_MEMORY", "maybe", "true or false")]
    [InlineData("CALLOUT_URLS", "127.0.0.1:4580", "http:// or https://")]
    // Kestrel would listen on port 80 of every interface instead.
    [InlineData("CALLOUT_URLS", "http://127.0.0.1:abc", "http:// or https://")]
    // Any level but these was ignored without a word.
    [InlineData("CALLOUT_LOG_LEVEL", "loud", "Warning")]
    [InlineData("CALLOUT_SMS_PROVIDER", "smtp", "outbox, twilio or webhook")]
    [InlineData("CALLOUT_WEBHOOK_SECRET", "whsec_not-base64", "whsec_ followed by base64")]
    public void a_bad_variable_is_named_with_what_it_takes(string variable, string value, string takes)
    {
        if (variable == "CALLOUT_WEBHOOK_SECRET")
        {
            _config.Environment["CALLOUT_EMAIL_PROVIDER"] = "webhook";
            _config.Environment["CALLOUT_WEBHOOK_URL"] = "http://127.0.0.1:1/hook";
        }
        _config.Environment[variable] = value;
        var message = _config.LoadFails();
        Assert.Contains(variable, message, StringComparison.Ordinal);
        Assert.Contains(takes, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://+:4580")]
    [InlineData("http://*:4580;https://0.0.0.0:4581")]
    [InlineData("http://[::1]:0")]
    [InlineData("http://localhost:4580/")]
    public void addresses_kestrel_takes_are_accepted(string urls)
    {
        Assert.Equal(urls, _config.Load("--urls", urls).Server.Urls);
    }

    [Fact]
    public void a_provider_chosen_in_the_file_without_its_settings_names_them()
    {
        _config.WriteFile("callout.json", """{ "delivery": { "voice": "twilio", "twilio": { "accountSid": "AC1" } } }""");
        var message = _config.LoadFails();
        Assert.Contains("CALLOUT_TWILIO_AUTH_TOKEN", message, StringComparison.Ordinal);
        Assert.Contains("delivery.twilio.from", message, StringComparison.Ordinal);
        Assert.DoesNotContain("ACCOUNT_SID", message, StringComparison.Ordinal);
    }
}
