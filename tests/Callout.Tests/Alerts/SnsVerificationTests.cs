using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Callout.Domain.Alerts;
using Callout.Domain.Arns;
using Callout.Server.Alerts.Sns;
using Callout.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Callout.Tests.Alerts;

/// The whole check of a message, against a real local HTTPS server that plays SNS (SnsSink):
/// the signing certificate is fetched over TLS from a trusted host, once per URL, and only after the
/// cheaper checks passed; a subscription is confirmed only on a trusted host.
public sealed class SnsVerificationTests : IAsyncLifetime
{
    const string Topic = "arn:aws:sns:us-east-1:123456789012:alarms";
    const string AlarmArn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-errors";

    SnsSink _sns = null!;
    ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _sns = await SnsSink.StartAsync();
        _services = Services(new SnsTrust([(_sns.BaseUrl.Host, _sns.BaseUrl.Port)], [X509CertificateLoader.LoadCertificate(_sns.Certificate.RawData)]));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sns.DisposeAsync();
    }

    /// The server's own wiring (SnsAlerts), so the TLS checks are the ones it runs.
    static ServiceProvider Services(SnsTrust trust)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSnsAlerts(trust);
        return services.BuildServiceProvider();
    }

    static AlertSource Source(params string[] topics) => new(AccountScope.For("us-east-1", "123456789012"), "src-1", "cloudwatch",
        AlertFormat.Sns, "arn:aws:ssm-incidents::123456789012:response-plan/checkout", new byte[32], null, topics, Instant.FromUnixTimeSeconds(0));

    static SnsMessage Read(SnsTestMessage sent) =>
        SnsMessageParser.Parse(Encoding.UTF8.GetBytes(sent.ToJson()), out var error) ?? throw new InvalidOperationException(error);

    SnsTestMessage Alarm() => SnsTestMessage.Alarm(Topic, AlarmArn, "ALARM", _sns.SigningCertUrl);

    Task<SnsRefusal?> CheckAsync(SnsTestMessage sent, ServiceProvider? services = null) =>
        (services ?? _services).GetRequiredService<SnsVerification>().CheckAsync(Read(sent), Source(Topic), CancellationToken.None);

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public async Task a_message_signed_by_the_trusted_hosts_certificate_passes(string version)
    {
        Assert.Null(await CheckAsync(Alarm().SignedWith(_sns.Key, version)));
    }

    [Fact]
    public async Task the_certificate_is_fetched_once_per_url()
    {
        Assert.Null(await CheckAsync(Alarm().SignedWith(_sns.Key, "1")));
        Assert.Null(await CheckAsync(Alarm().SignedWith(_sns.Key, "2")));
        Assert.Single(_sns.CertificateFetches);
    }

    [Fact]
    public async Task an_unknown_topic_is_refused_before_anything_is_fetched()
    {
        var refused = await CheckAsync((Alarm() with { TopicArn = "arn:aws:sns:us-east-1:999999999999:other" }).SignedWith(_sns.Key, "2"));
        Assert.Equal(403, refused?.Status);
        Assert.Contains("is not one this alert source accepts", refused!.Reason, StringComparison.Ordinal);
        Assert.Empty(_sns.CertificateFetches);
    }

    [Fact]
    public async Task a_source_without_topics_accepts_none()
    {
        var refused = await _services.GetRequiredService<SnsVerification>().CheckAsync(Read(Alarm().SignedWith(_sns.Key)), Source(), CancellationToken.None);
        Assert.Equal(403, refused?.Status);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("")]
    public async Task a_wrong_version_is_refused_before_anything_is_fetched(string version)
    {
        var refused = await CheckAsync(Alarm().SignedWith(_sns.Key) with { SignatureVersion = version });
        Assert.Equal(403, refused?.Status);
        Assert.Empty(_sns.CertificateFetches);
    }

    [Fact]
    public async Task a_certificate_url_on_an_untrusted_host_or_over_http_is_never_fetched()
    {
        var elsewhere = "https://localhost:" + _sns.BaseUrl.Port + "/SimpleNotificationService-test.pem";
        var overHttp = "http://" + _sns.HostAndPort + "/SimpleNotificationService-test.pem";
        foreach (var url in new[] { elsewhere, overHttp, "https://sns.evil.com/x.pem", "https://sns.us-east-1.amazonaws.com.evil.com/x.pem" })
        {
            var refused = await CheckAsync((Alarm() with { SigningCertURL = url }).SignedWith(_sns.Key, "2"));
            Assert.Equal(403, refused?.Status);
        }
        Assert.Empty(_sns.CertificateFetches);
    }

    [Fact]
    public async Task a_tampered_message_is_refused_after_the_fetch()
    {
        var refused = await CheckAsync(Alarm().SignedWith(_sns.Key, "2") with { Message = Alarm().Message.Replace("ALARM", "OK", StringComparison.Ordinal) });
        Assert.Equal(new SnsRefusal(403, "The signature does not match the message."), refused);
    }

    [Fact]
    public async Task a_message_signed_by_another_key_is_refused()
    {
        using var other = RSA.Create(2048);
        Assert.Equal(403, (await CheckAsync(Alarm().SignedWith(other, "1")))?.Status);
    }

    [Fact]
    public async Task without_the_trusted_roots_the_hosts_tls_certificate_is_not_accepted()
    {
        // The host is trusted, its self-signed TLS certificate is not: the fetch fails, a 503 so
        // SNS would try again, and nothing is cached.
        await using var services = Services(new SnsTrust([(_sns.BaseUrl.Host, _sns.BaseUrl.Port)], []));
        var refused = await CheckAsync(Alarm().SignedWith(_sns.Key, "2"), services);
        Assert.Equal(503, refused?.Status);
        Assert.Empty(_sns.CertificateFetches);
    }

    [Fact]
    public async Task a_certificate_url_that_serves_no_certificate_is_refused()
    {
        var missing = new Uri(_sns.BaseUrl, "missing.pem").AbsoluteUri;
        var refused = await CheckAsync((Alarm() with { SigningCertURL = missing }).SignedWith(_sns.Key, "2"));
        Assert.Equal(new SnsRefusal(403, "SigningCertURL answered HTTP 404."), refused);
    }

    [Fact]
    public async Task a_subscription_is_confirmed_on_the_trusted_host()
    {
        var confirmation = Read(SnsTestMessage.Confirmation(Topic, _sns.SubscribeUrl("token-1"), "token-1", _sns.SigningCertUrl).SignedWith(_sns.Key, "2"));
        Assert.Null(await _services.GetRequiredService<SnsSubscriptions>().ConfirmAsync(confirmation, CancellationToken.None));
        Assert.Equal(["token-1"], _sns.Confirmations);
    }

    [Theory]
    [InlineData("https://evil.com/?Action=ConfirmSubscription&Token=t")]
    [InlineData("https://localhost:{port}/?Action=ConfirmSubscription&Token=t")]
    [InlineData("http://{host}/?Action=ConfirmSubscription&Token=t")]
    public async Task a_subscribe_url_on_a_foreign_host_is_not_fetched(string url)
    {
        url = url.Replace("{port}", _sns.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{host}", _sns.HostAndPort, StringComparison.Ordinal);
        var confirmation = Read(SnsTestMessage.Confirmation(Topic, url, "t", _sns.SigningCertUrl).SignedWith(_sns.Key, "2"));
        // Signed by the trusted key, so only the URL's host stands in the way.
        Assert.Null(await CheckAsync(SnsTestMessage.Confirmation(Topic, url, "t", _sns.SigningCertUrl).SignedWith(_sns.Key, "2")));
        var refused = await _services.GetRequiredService<SnsSubscriptions>().ConfirmAsync(confirmation, CancellationToken.None);
        Assert.Equal(403, refused?.Status);
        Assert.Empty(_sns.Confirmations);
    }
}
