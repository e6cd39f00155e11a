using Callout.Tests.Configuration;
using Xunit;

namespace Callout.Tests.Retention;

/// --retention: whole days, written 90 or 90d; 0 keeps everything for ever; 90 days by default.
public sealed class RetentionSettingTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void ninety_days_by_default()
    {
        Assert.Equal(TimeSpan.FromDays(90), _config.Load().Server.Retention);
    }

    [Fact]
    public void the_flag_the_variable_and_the_file_set_the_days_kept_with_or_without_a_d()
    {
        _config.WriteFile("callout.json", """{ "store": { "retention": "30d" } }""");
        Assert.Equal(TimeSpan.FromDays(30), _config.Load().Server.Retention);

        _config.Environment["CALLOUT_RETENTION"] = "45";
        Assert.Equal(TimeSpan.FromDays(45), _config.Load().Server.Retention);

        Assert.Equal(TimeSpan.FromDays(7), _config.Load("--retention", "7d").Server.Retention);
        Assert.Equal(TimeSpan.FromDays(7), _config.Load("--retention", "7").Server.Retention);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0d")]
    public void zero_keeps_everything_for_ever(string value)
    {
        Assert.Null(_config.Load("--retention", value).Server.Retention);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("d")]
    [InlineData("90dd")]
    [InlineData("90h")]
    [InlineData("90D")]
    [InlineData(" 90")]
    [InlineData("36501")]
    [InlineData("99999999999999999999d")]
    public void anything_but_a_whole_number_of_days_is_refused_naming_the_setting(string value)
    {
        var message = _config.LoadFails("--retention", value);

        Assert.Contains("--retention", message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
    }
}
