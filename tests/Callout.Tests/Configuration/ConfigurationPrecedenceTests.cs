using Callout.Engine.Delivery;
using Callout.Protocol.Auth;
using Callout.Server.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Callout.Tests.Configuration;

/// A flag wins over its CALLOUT_* variable, which wins over callout.json, which wins over the
/// default (README, docs/configuration.md).
public sealed class ConfigurationPrecedenceTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void nothing_set_gives_the_documented_defaults()
    {
        var (server, delivery) = _config.Load();
        Assert.Equal("http://127.0.0.1:4580", server.Urls);
        Assert.Equal(Path.Combine(_config.WorkingDirectory, "callout-data"), server.DataDirectory);
        Assert.False(server.InMemory);
        Assert.Null(server.Store);
        Assert.Equal(AuthMode.Off, server.Auth);
        Assert.Equal("000000000000", server.DefaultAccount);
        Assert.Equal("us-east-1", server.DefaultRegion);
        Assert.False(server.VirtualClock);
        Assert.Null(server.PublicUrl);
        Assert.Equal(LogLevel.Information, server.LogLevel);
        Assert.Equal(TimeSpan.FromDays(90), server.Retention);
        Assert.Equal(server.Retention, server.AuditRetention);
        Assert.Equal(DeliveryConfiguration.Provider.Outbox, delivery.Email);
        Assert.Equal(DeliveryConfiguration.Provider.Outbox, delivery.Sms);
        Assert.Equal(DeliveryConfiguration.Provider.Outbox, delivery.Voice);
    }

    [Fact]
    public void a_flag_wins_over_the_variable_which_wins_over_the_file_which_wins_over_the_default()
    {
        _config.WriteFile("callout.json", """
            {
              "server": { "urls": "http://127.0.0.1:1001", "defaultRegion": "eu-west-1", "defaultAccount": "111111111111" },
              "auth": { "mode": "strict" },
              "engine": { "clock": "virtual" }
            }
            """);
        _config.Environment["CALLOUT_URLS"] = "http://127.0.0.1:1002";
        _config.Environment["CALLOUT_DEFAULT_REGION"] = "eu-west-2";

        var (server, _) = _config.Load("--urls", "http://127.0.0.1:1003");

        Assert.Equal("http://127.0.0.1:1003", server.Urls); // flag over variable and file
        Assert.Equal("eu-west-2", server.DefaultRegion); // variable over file
        Assert.Equal("111111111111", server.DefaultAccount); // file over default
        Assert.Equal(AuthMode.Strict, server.Auth);
        Assert.True(server.VirtualClock);
        Assert.Null(server.Store); // default
    }

    [Fact]
    public void delivery_settings_come_from_the_file_and_a_variable_overrides_one_of_them()
    {
        _config.WriteFile("callout.json", """
            { "delivery": { "email": "smtp", "smtp": { "host": "mail.file", "port": 587, "from": "Callout <callout@example.com>" } } }
            """);
        _config.Environment["CALLOUT_SMTP_HOST"] = "mail.env";

        var (_, delivery) = _config.Load();

        Assert.Equal(DeliveryConfiguration.Provider.Smtp, delivery.Email);
        Assert.Equal("mail.env", delivery.Smtp!.Host);
        Assert.Equal(587, delivery.Smtp.Port);
        Assert.Equal(SmtpTls.StartTls, delivery.Smtp.Tls); // the default for 587
    }

    [Fact]
    public void a_switch_flag_does_not_take_the_next_flag_as_its_value()
    {
        _config.Environment["CALLOUT_IN_MEMORY"] = "false";
        var (server, _) = _config.Load("--in-memory", "--urls", "http://127.0.0.1:1003");
        Assert.True(server.InMemory);
        Assert.Equal("http://127.0.0.1:1003", server.Urls);
    }

    [Fact]
    public void flags_also_take_their_value_after_an_equals_sign_and_the_last_one_wins()
    {
        var (server, _) = _config.Load("--default-region=eu-west-1", "--default-region", "eu-west-3", "--in-memory=false");
        Assert.Equal("eu-west-3", server.DefaultRegion);
        Assert.False(server.InMemory);
    }

    [Fact]
    public void an_empty_variable_counts_as_unset()
    {
        _config.WriteFile("callout.json", """{ "server": { "defaultRegion": "eu-west-1" } }""");
        _config.Environment["CALLOUT_DEFAULT_REGION"] = "";
        Assert.Equal("eu-west-1", _config.Load().Server.DefaultRegion);
    }

    [Fact]
    public void the_config_flag_wins_over_CALLOUT_CONFIG_which_wins_over_callout_json_in_the_working_directory()
    {
        _config.WriteFile("callout.json", """{ "server": { "defaultRegion": "eu-west-1" } }""");
        _config.WriteFile("env.json", """{ "server": { "defaultRegion": "eu-west-2" } }""");
        _config.WriteFile("flag.json", """{ "server": { "defaultRegion": "eu-west-3" } }""");

        Assert.Equal("eu-west-1", _config.Load().Server.DefaultRegion);
        _config.Environment["CALLOUT_CONFIG"] = "env.json";
        Assert.Equal("eu-west-2", _config.Load().Server.DefaultRegion);
        Assert.Equal("eu-west-3", _config.Load("--config", "flag.json").Server.DefaultRegion);
    }

    [Fact]
    public void relative_paths_are_taken_from_the_working_directory()
    {
        _config.WriteFile("callout.json", """{ "store": { "dataDir": "from-file" } }""");
        Assert.Equal(Path.Combine(_config.WorkingDirectory, "from-file"), _config.Load().Server.DataDirectory);
        Assert.Equal(Path.Combine(_config.WorkingDirectory, "data", "here"), _config.Load("--data-dir", "data/here").Server.DataDirectory);
        Assert.Equal("/var/lib/callout", _config.Load("--data-dir", "/var/lib/callout").Server.DataDirectory);
    }
}
