using System.Security.Cryptography.X509Certificates;
using Callout.Server.Alerts.Sns;
using Callout.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Callout.Tests.Alerts;

/// Which URLs may serve a signing certificate or confirm a subscription: https on an SNS host (the
/// host pattern AWS's validators use), or on a host trusted by configuration, which is off by
/// default.
public sealed class SnsTrustTests
{
    static readonly SnsTrust Aws = SnsTrust.AwsOnly;

    [Theory]
    [InlineData("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem")]
    [InlineData("https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-abc.pem")]
    [InlineData("https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem")]
    [InlineData("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem")]
    [InlineData("https://SNS.US-EAST-1.AMAZONAWS.COM/SimpleNotificationService-abc.pem")]
    public void sns_hosts_may_serve_certificates(string url)
    {
        Assert.Null(Aws.CheckUrl("SigningCertURL", url, certificate: true, out var uri));
        Assert.NotNull(uri);
    }

    [Theory]
    // Not https.
    [InlineData("http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "https")]
    [InlineData("ftp://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "https")]
    [InlineData("//sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "https")]
    [InlineData("SimpleNotificationService-abc.pem", "not a URL")]
    // Hosts that only look like SNS.
    [InlineData("https://sns.evil.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://sns.us-east-1.amazonaws.com.evil.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://evil.com/sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://evil.com#@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://s3.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://sns.us.amazonaws.com.cn.evil.com/x.pem", "SNS host")]
    [InlineData("https://xsns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://sns.a.amazonaws.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://sns.us_east.amazonaws.com/SimpleNotificationService-abc.pem", "SNS host")]
    [InlineData("https://127.0.0.1/SimpleNotificationService-abc.pem", "SNS host")]
    // A user name, before SNS's host or before another.
    [InlineData("https://sns.us-east-1.amazonaws.com@evil.com/SimpleNotificationService-abc.pem", "user name")]
    [InlineData("https://evil@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", "user name")]
    // Not a certificate file.
    [InlineData("https://sns.us-east-1.amazonaws.com/?Action=Anything", ".pem")]
    [InlineData("https://sns.us-east-1.amazonaws.com/cert.pem.txt", ".pem")]
    public void forged_certificate_urls_are_refused(string url, string reason)
    {
        Assert.Contains(reason, Aws.CheckUrl("SigningCertURL", url, certificate: true, out var uri), StringComparison.Ordinal);
        Assert.Null(uri);
    }

    [Theory]
    [InlineData("https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:alarms&Token=abc", null)]
    [InlineData("http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc", "https")]
    [InlineData("https://evil.com/?Action=ConfirmSubscription&Token=abc", "SNS host")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "SNS host")]
    [InlineData("https://localhost:4580/_callout/anything", "SNS host")]
    public void subscribe_urls_must_be_on_sns_hosts(string url, string? reason)
    {
        var refused = Aws.CheckUrl("SubscribeURL", url, certificate: false, out _);
        if (reason is null)
        {
            Assert.Null(refused);
        }
        else
        {
            Assert.Contains(reason, refused, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void a_trusted_host_is_trusted_only_at_its_port()
    {
        var trust = new SnsTrust([("127.0.0.1", 8443)], []);
        Assert.Null(trust.CheckUrl("SigningCertURL", "https://127.0.0.1:8443/test.pem", certificate: true, out _));
        Assert.NotNull(trust.CheckUrl("SigningCertURL", "https://127.0.0.1:8444/test.pem", certificate: true, out _));
        Assert.NotNull(trust.CheckUrl("SigningCertURL", "http://127.0.0.1:8443/test.pem", certificate: true, out _));
        Assert.NotNull(trust.CheckUrl("SigningCertURL", "https://127.0.0.2:8443/test.pem", certificate: true, out _));
    }

    static SnsTrust Load(string directory, params (string Key, string Value)[] settings) =>
        SnsTrust.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build(), directory);

    [Fact]
    public void nothing_is_trusted_beyond_sns_by_default()
    {
        var trust = Load(Path.GetTempPath());
        Assert.Empty(trust.ExtraHosts);
        Assert.NotNull(trust.CheckUrl("SigningCertURL", "https://localhost/test.pem", certificate: true, out _));
    }

    [Fact]
    public void trusted_hosts_are_read_with_their_ports()
    {
        var trust = Load(Path.GetTempPath(), ("alerts:sns:trustedHosts", "127.0.0.1:9443, sns.test"));
        Assert.Equal(["127.0.0.1:9443", "sns.test:443"], trust.ExtraHosts);
    }

    [Fact]
    public void trusted_hosts_come_from_the_environment_or_callout_json()
    {
        using var config = new Configuration.ConfigurationFixture();
        config.WriteFile("callout.json", """{"alerts": {"sns": {"trustedHosts": "sns.test:8443"}}}""");
        SnsTrust FromSettings()
        {
            var (configuration, _) = Callout.Server.Hosting.Configuration.CalloutConfiguration.Build(
                Callout.Server.Hosting.Configuration.CommandLine.Parse([]), config.Environment, config.WorkingDirectory);
            return SnsTrust.From(configuration, config.WorkingDirectory);
        }
        Assert.Equal(["sns.test:8443"], FromSettings().ExtraHosts);
        config.Environment["CALLOUT_SNS_TRUSTED_HOSTS"] = "127.0.0.1:9443";
        Assert.Equal(["127.0.0.1:9443"], FromSettings().ExtraHosts);
    }

    [Theory]
    [InlineData("https://127.0.0.1:9443")]
    [InlineData("127.0.0.1:9443/path")]
    [InlineData("user@127.0.0.1")]
    [InlineData("127.0.0.1:notaport")]
    public void malformed_trusted_hosts_stop_the_start(string value)
    {
        var error = Assert.Throws<OptionsException>(() => Load(Path.GetTempPath(), ("alerts:sns:trustedHosts", value))).Message;
        Assert.Contains("CALLOUT_SNS_TRUSTED_HOSTS", error, StringComparison.Ordinal);
    }

    [Fact]
    public void trusted_certificates_need_a_readable_pem_file_and_trusted_hosts()
    {
        var directory = Directory.CreateTempSubdirectory("callout-sns-").FullName;
        try
        {
            Assert.Contains("cannot read", Assert.Throws<OptionsException>(() => Load(directory,
                ("alerts:sns:trustedHosts", "127.0.0.1:9443"), ("alerts:sns:trustedCertificates", "missing.pem"))).Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, "empty.pem"), "no certificate here");
            Assert.Contains("no PEM certificate", Assert.Throws<OptionsException>(() => Load(directory,
                ("alerts:sns:trustedHosts", "127.0.0.1:9443"), ("alerts:sns:trustedCertificates", "empty.pem"))).Message, StringComparison.Ordinal);

            using var key = System.Security.Cryptography.RSA.Create(2048);
            using var certificate = Callout.Testing.SnsSink.NewCertificate(key);
            File.WriteAllText(Path.Combine(directory, "ca.pem"), certificate.ExportCertificatePem());
            Assert.Contains("CALLOUT_SNS_TRUSTED_HOSTS", Assert.Throws<OptionsException>(() => Load(directory,
                ("alerts:sns:trustedCertificates", "ca.pem"))).Message, StringComparison.Ordinal);
            Assert.Single(Load(directory, ("alerts:sns:trustedHosts", "127.0.0.1:9443"), ("alerts:sns:trustedCertificates", "ca.pem")).ExtraHosts);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
