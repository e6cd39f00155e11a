using Callout.Server.Hosting;
using Callout.Server.Hosting.Configuration;
using Xunit;

namespace Callout.Tests.Configuration;

/// --log-format (CALLOUT_LOG_FORMAT, server.logFormat): text unless json is asked for, wherever
/// it is set (docs/operations.md, "Logs").
public sealed class LogFormatSettingTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void the_default_is_text()
    {
        Assert.Equal(LogFormat.Text, _config.Load().Server.LogFormat);
    }

    [Fact]
    public void json_comes_from_the_file_the_variable_or_the_flag_and_the_flag_wins()
    {
        _config.WriteFile("callout.json", """{ "server": { "logFormat": "json" } }""");
        Assert.Equal(LogFormat.Json, _config.Load().Server.LogFormat);

        _config.Environment["CALLOUT_LOG_FORMAT"] = "text";
        Assert.Equal(LogFormat.Text, _config.Load().Server.LogFormat);

        Assert.Equal(LogFormat.Json, _config.Load("--log-format", "JSON").Server.LogFormat);
    }

    [Fact]
    public void another_format_is_refused_naming_the_setting()
    {
        Assert.Equal("--log-format (CALLOUT_LOG_FORMAT, server.logFormat in callout.json) takes text or json, not 'logfmt'.",
            _config.LoadFails("--log-format=logfmt"));
    }

    [Fact]
    public void version_is_read_as_a_request_not_as_a_setting()
    {
        Assert.True(CommandLine.Parse(["--version"]).Version);
        Assert.False(CommandLine.Parse(["--in-memory"]).Version);
    }
}
