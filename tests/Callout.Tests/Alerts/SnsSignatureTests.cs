using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Callout.Server.Alerts.Sns;
using Callout.Testing;
using Xunit;

namespace Callout.Tests.Alerts;

/// Messages signed here with a test key, as SNS signs them (SnsTestMessage, written apart from
/// Callout's code), verify in both signature versions; every change to a signed member after
/// signing, and every other key or version, is refused.
public sealed class SnsSignatureTests : IDisposable
{
    const string CertUrl = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem";
    const string Topic = "arn:aws:sns:us-east-1:123456789012:alarms";

    readonly RSA _key = RSA.Create(2048);
    readonly X509Certificate2 _certificate;

    public SnsSignatureTests() => _certificate = SnsSink.NewCertificate(_key);

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    static SnsMessage Read(SnsTestMessage sent) =>
        SnsMessageParser.Parse(Encoding.UTF8.GetBytes(sent.ToJson()), out var error) ?? throw new InvalidOperationException(error);

    static SnsTestMessage Alarm() => SnsTestMessage.Alarm(Topic, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu", "ALARM", CertUrl);

    static SnsTestMessage Confirmation() => SnsTestMessage.Confirmation(Topic, "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t1", "t1", CertUrl);

    string? Check(SnsTestMessage sent) => SnsSignature.Check(Read(sent), _certificate, DateTimeOffset.UtcNow);

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void a_signed_notification_verifies(string version)
    {
        Assert.Null(Check(Alarm().SignedWith(_key, version)));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void a_signed_confirmation_verifies(string version)
    {
        Assert.Null(Check(Confirmation().SignedWith(_key, version)));
        Assert.Null(Check((Confirmation() with { Type = "UnsubscribeConfirmation" }).SignedWith(_key, version)));
    }

    [Fact]
    public void a_notification_without_a_subject_verifies()
    {
        Assert.Null(Check((Alarm() with { Subject = null }).SignedWith(_key, "2")));
    }

    [Fact]
    public void the_string_to_sign_is_the_one_sns_documents()
    {
        var sent = Alarm().SignedWith(_key);
        Assert.Equal(sent.StringToSign(), SnsStringToSign.Of(Read(sent)));
        var confirmation = Confirmation().SignedWith(_key);
        Assert.Equal(confirmation.StringToSign(), SnsStringToSign.Of(Read(confirmation)));
        // Spelled out once: name line, value line, in byte order of the names; no Subject when absent.
        var plain = new SnsTestMessage { Message = "m", MessageId = "i", Timestamp = "t", TopicArn = "a", SigningCertURL = CertUrl, Signature = "AA==" };
        Assert.Equal("Message\nm\nMessageId\ni\nTimestamp\nt\nTopicArn\na\nType\nNotification\n", Encoding.UTF8.GetString(SnsStringToSign.Of(Read(plain))));
    }

    public static TheoryData<string, Func<SnsTestMessage, SnsTestMessage>> Tamperings => new()
    {
        { "Message", m => m with { Message = m.Message.Replace("ALARM", "OK", StringComparison.Ordinal) } },
        { "Subject", m => m with { Subject = "OK: all is well" } },
        { "Subject removed", m => m with { Subject = null } },
        { "Timestamp", m => m with { Timestamp = "2030-01-01T00:00:00.000Z" } },
        { "TopicArn", m => m with { TopicArn = "arn:aws:sns:us-east-1:123456789012:other" } },
        { "MessageId", m => m with { MessageId = Guid.NewGuid().ToString() } },
        { "Type", m => m with { Type = "UnsubscribeConfirmation", SubscribeURL = "https://sns.us-east-1.amazonaws.com/", Token = "t" } },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void a_signed_member_changed_after_signing_is_refused(string member, Func<SnsTestMessage, SnsTestMessage> tamper)
    {
        foreach (var version in new[] { "1", "2" })
        {
            Assert.True(Check(tamper(Alarm().SignedWith(_key, version))) is not null, $"{member} changed, version {version}");
        }
    }

    [Fact]
    public void a_changed_subscribe_url_or_token_is_refused()
    {
        var signed = Confirmation().SignedWith(_key, "2");
        Assert.NotNull(Check(signed with { SubscribeURL = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=other" }));
        Assert.NotNull(Check(signed with { Token = "other" }));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("1 ")]
    public void a_version_sns_does_not_use_is_refused(string version)
    {
        var signed = Alarm().SignedWith(_key, "1") with { SignatureVersion = version };
        Assert.Equal("SignatureVersion must be 1 or 2.", Check(signed));
    }

    [Fact]
    public void a_version_other_than_the_one_signed_is_refused()
    {
        Assert.NotNull(Check(Alarm().SignedWith(_key, "1") with { SignatureVersion = "2" }));
        Assert.NotNull(Check(Alarm().SignedWith(_key, "2") with { SignatureVersion = "1" }));
    }

    [Fact]
    public void a_signature_by_another_key_is_refused()
    {
        using var other = RSA.Create(2048);
        Assert.Equal("The signature does not match the message.", Check(Alarm().SignedWith(other, "2")));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    [InlineData("AAAA")]
    public void a_signature_that_is_not_one_is_refused(string signature)
    {
        Assert.NotNull(Check(Alarm().SignedWith(_key) with { Signature = signature }));
    }

    [Fact]
    public void a_certificate_outside_its_validity_is_refused()
    {
        using var expired = SnsSink.NewCertificate(_key, notBefore: DateTimeOffset.UtcNow.AddDays(-10), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        using var future = SnsSink.NewCertificate(_key, notBefore: DateTimeOffset.UtcNow.AddDays(1), notAfter: DateTimeOffset.UtcNow.AddDays(10));
        var signed = Read(Alarm().SignedWith(_key, "2"));
        Assert.Equal("The signing certificate is not valid now.", SnsSignature.Check(signed, expired, DateTimeOffset.UtcNow));
        Assert.Equal("The signing certificate is not valid now.", SnsSignature.Check(signed, future, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void a_certificate_not_for_signatures_is_refused()
    {
        using var encipherOnly = SnsSink.NewCertificate(_key, usage: X509KeyUsageFlags.KeyEncipherment);
        Assert.Equal("The signing certificate is not for digital signatures.",
            SnsSignature.Check(Read(Alarm().SignedWith(_key, "2")), encipherOnly, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void a_certificate_without_an_rsa_key_is_refused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ecCertificate = new CertificateRequest("CN=sns.amazonaws.com", ec, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal("The signing certificate holds no RSA key.",
            SnsSignature.Check(Read(Alarm().SignedWith(_key, "2")), ecCertificate, DateTimeOffset.UtcNow));
    }
}
