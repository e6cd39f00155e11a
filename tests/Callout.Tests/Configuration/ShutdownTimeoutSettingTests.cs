using Xunit;

namespace Callout.Tests.Configuration;

/// --shutdown-timeout: seconds, 10 by default, from 0 to an hour; anything else names the setting.
public sealed class ShutdownTimeoutSettingTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void the_default_is_ten_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), _config.Load().Server.ShutdownTimeout);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("45", 45)]
    [InlineData("3600", 3600)]
    public void whole_seconds_up_to_an_hour_are_taken(string value, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), _config.Load("--shutdown-timeout", value).Server.ShutdownTimeout);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    [InlineData("1.5")]
    [InlineData("10s")]
    [InlineData("99999999999999999999")]
    public void anything_else_is_refused_naming_the_setting(string value)
    {
        var message = _config.LoadFails("--shutdown-timeout", value);
        Assert.Contains("--shutdown-timeout", message, StringComparison.Ordinal);
        Assert.Contains("CALLOUT_SHUTDOWN_TIMEOUT", message, StringComparison.Ordinal);
    }
}
