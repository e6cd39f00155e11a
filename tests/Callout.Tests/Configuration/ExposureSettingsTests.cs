using Callout.Server.Hosting;
using Xunit;

namespace Callout.Tests.Configuration;

/// The settings that bound what a caller can make the server do: regions, throttling, connections,
/// buffered bytes and session tokens in the credentials file.
public sealed class ExposureSettingsTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void the_defaults_serve_the_commercial_regions_and_throttle_generously()
    {
        var (server, _) = _config.Load();

        Assert.True(server.Regions.Serves("eu-west-1"));
        Assert.False(server.Regions.Serves("cn-north-1"));
        Assert.Equal(34, server.Regions.Names.Count);
        Assert.Equal(2000, server.ThrottleRate);
        Assert.Equal(4000, server.ThrottleBurst);
        Assert.Equal(4096, server.MaxConnections);
    }

    [Fact]
    public void regions_take_partitions_and_names()
    {
        var (server, _) = _config.Load("--regions", "aws-cn, us-east-1");

        Assert.Equal(["cn-north-1", "cn-northwest-1", "us-east-1"], server.Regions.Names.Order());
    }

    [Theory]
    [InlineData("zz evil")]
    [InlineData("aws,mars")]
    public void a_bad_region_list_names_the_setting(string value)
    {
        Assert.Contains("--regions", _config.LoadFails("--regions", value), StringComparison.Ordinal);
    }

    [Fact]
    public void a_default_region_that_is_not_served_is_refused()
    {
        var message = _config.LoadFails("--regions", "eu-west-1");
        Assert.Contains("--default-region", message, StringComparison.Ordinal);
        Assert.Contains("'us-east-1'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--throttle-rate", "-1")]
    [InlineData("--throttle-rate", "fast")]
    [InlineData("--throttle-burst", "0")]
    [InlineData("--max-connections", "-5")]
    [InlineData("--max-buffered-bytes", "1000")]
    public void throttle_and_limit_values_are_checked(string flag, string value)
    {
        Assert.Contains(flag, _config.LoadFails(flag, value), StringComparison.Ordinal);
    }

    [Fact]
    public void a_throttle_rate_of_zero_is_off_and_fractions_are_allowed()
    {
        Assert.Equal(0, _config.Load("--throttle-rate", "0").Server.ThrottleRate);
        Assert.Equal(0.5, _config.Load("--throttle-rate", "0.5").Server.ThrottleRate);
    }

    [Fact]
    public void the_credentials_file_may_give_a_key_a_session_token()
    {
        _config.WriteFile("keys.json", """
            [{"accessKeyId":"K1","secretAccessKey":"s","accountId":"111122223333","sessionToken":"tok"},
             {"accessKeyId":"K2","secretAccessKey":"s","accountId":"111122223333"}]
            """);
        var (server, _) = _config.Load("--credentials-file", "keys.json");

        var credentials = CredentialLoader.Load(server).ToDictionary(c => c.AccessKeyId);
        Assert.Equal("tok", credentials["K1"].SessionToken);
        Assert.Null(credentials["K2"].SessionToken);
        Assert.DoesNotContain("tok", credentials["K1"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void an_empty_or_non_string_session_token_is_refused()
    {
        _config.WriteFile("keys.json", """[{"accessKeyId":"K1","secretAccessKey":"s","accountId":"111122223333","sessionToken":""}]""");
        var (server, _) = _config.Load("--credentials-file", "keys.json");

        Assert.Contains("sessionToken", Assert.Throws<OptionsException>(() => CredentialLoader.Load(server)).Message, StringComparison.Ordinal);
    }
}
