using Callout.Server.Hosting;
using Xunit;

namespace Callout.Tests.Configuration;

/// `--auth off` listens on loopback only, unless --allow-unauthenticated-remote-access says
/// otherwise; /metrics needs a signature by default when it is reachable beyond loopback under
/// `--auth strict` (docs/security.md, "Surfaces").
public sealed class RemoteAccessRuleTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Theory]
    [InlineData("http://127.0.0.1:4580")]
    [InlineData("http://127.8.9.10:4580")]
    [InlineData("http://localhost:4580")]
    [InlineData("http://LOCALHOST:4580/")]
    [InlineData("http://[::1]:4580")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public void loopback_addresses_are_allowed_with_auth_off(string urls) =>
        Assert.Equal(urls, _config.Load("--urls", urls).Server.Urls);

    [Theory]
    [InlineData("http://0.0.0.0:4580", "http://0.0.0.0:4580")]
    [InlineData("http://[::]:4580", "http://[::]:4580")]
    [InlineData("http://*:4580", "http://*:4580")]
    [InlineData("http://+:4580", "http://+:4580")]
    [InlineData("http://callout.example.com:4580", "http://callout.example.com:4580")]
    [InlineData("http://192.168.1.20:4580", "http://192.168.1.20:4580")]
    [InlineData("http://127.0.0.1:4580;http://10.0.0.5:4580", "http://10.0.0.5:4580")]
    [InlineData("http://[::ffff:10.0.0.5]:4580", "http://[::ffff:10.0.0.5]:4580")]
    // A name that starts like loopback is another host.
    [InlineData("http://localhost.example.com:4580", "http://localhost.example.com:4580")]
    [InlineData("http://127.0.0.1.nip.io:4580", "http://127.0.0.1.nip.io:4580")]
    public void any_other_address_with_auth_off_is_refused_naming_it_and_the_flag(string urls, string named)
    {
        var message = _config.LoadFails("--urls", urls);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Contains("--urls", message, StringComparison.Ordinal);
        Assert.Contains("--allow-unauthenticated-remote-access", message, StringComparison.Ordinal);
        Assert.Contains("CALLOUT_ALLOW_UNAUTHENTICATED_REMOTE_ACCESS", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void the_flag_allows_it()
    {
        var (server, _) = _config.Load("--urls", "http://0.0.0.0:4580", "--allow-unauthenticated-remote-access");
        Assert.True(server.AllowUnauthenticatedRemoteAccess);
    }

    [Fact]
    public void the_variable_allows_it()
    {
        _config.Environment["CALLOUT_ALLOW_UNAUTHENTICATED_REMOTE_ACCESS"] = "true";
        Assert.Equal("http://0.0.0.0:4580", _config.Load("--urls", "http://0.0.0.0:4580").Server.Urls);
    }

    [Fact]
    public void the_variable_set_to_false_does_not()
    {
        _config.Environment["CALLOUT_ALLOW_UNAUTHENTICATED_REMOTE_ACCESS"] = "false";
        Assert.Contains("0.0.0.0", _config.LoadFails("--urls", "http://0.0.0.0:4580"), StringComparison.Ordinal);
    }

    [Fact]
    public void strict_auth_may_listen_anywhere() =>
        Assert.Equal("http://0.0.0.0:4580", _config.Load("--urls", "http://0.0.0.0:4580", "--auth", "strict").Server.Urls);

    [Fact]
    public void a_metrics_listener_beyond_loopback_with_auth_off_is_refused_too()
    {
        var message = _config.LoadFails("--metrics-urls", "http://0.0.0.0:9464");
        Assert.Contains("--metrics-urls", message, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0:9464", message, StringComparison.Ordinal);
    }

    [Fact]
    public void signed_metrics_need_strict_auth() =>
        Assert.Contains("--auth strict", _config.LoadFails("--metrics-auth", "signed"), StringComparison.Ordinal);

    [Fact]
    public void metrics_auth_takes_signed_or_open() =>
        Assert.Contains("signed or open", _config.LoadFails("--metrics-auth", "basic"), StringComparison.Ordinal);

    [Theory]
    // Loopback only: open.
    [InlineData(new[] { "--auth", "strict" }, MetricsAuth.Open)]
    // The API port reaches beyond loopback and serves /metrics: signed.
    [InlineData(new[] { "--auth", "strict", "--urls", "http://0.0.0.0:4580" }, MetricsAuth.Signed)]
    // /metrics moved to a loopback listener: open, wherever the API listens.
    [InlineData(new[] { "--auth", "strict", "--urls", "http://0.0.0.0:4580", "--metrics-urls", "http://127.0.0.1:9464" }, MetricsAuth.Open)]
    [InlineData(new[] { "--auth", "strict", "--metrics-urls", "http://0.0.0.0:9464" }, MetricsAuth.Signed)]
    // Said explicitly.
    [InlineData(new[] { "--auth", "strict", "--urls", "http://0.0.0.0:4580", "--metrics-auth", "open" }, MetricsAuth.Open)]
    [InlineData(new[] { "--auth", "strict", "--metrics-auth", "signed" }, MetricsAuth.Signed)]
    // Nothing is verified under --auth off.
    [InlineData(new[] { "--urls", "http://0.0.0.0:4580", "--allow-unauthenticated-remote-access" }, MetricsAuth.Open)]
    public void metrics_auth_defaults_by_where_metrics_are_reachable(string[] args, MetricsAuth expected) =>
        Assert.Equal(expected, _config.Load(args).Server.EffectiveMetricsAuth());
}
