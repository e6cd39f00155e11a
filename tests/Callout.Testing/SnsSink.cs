using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Callout.Testing;

/// A real HTTPS server on a loopback port that plays SNS's side of an HTTPS subscription: it serves
/// the signing certificate (SigningCertURL) and the confirmation address (SubscribeURL), recording
/// each request. One self-signed test certificate, made here, is both its TLS certificate (for
/// 127.0.0.1) and the key messages are signed with; a server under test trusts it through its
/// trusted-host settings.
public sealed class SnsSink : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<string> _certificateFetches = new();
    readonly ConcurrentQueue<string> _confirmations = new();

    SnsSink(WebApplication app, RSA key, X509Certificate2 certificate)
    {
        _app = app;
        Key = key;
        Certificate = certificate;
    }

    public RSA Key { get; }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public Uri BaseUrl { get; private set; } = null!;

    /// host:port, as CALLOUT_SNS_TRUSTED_HOSTS takes it.
    public string HostAndPort => $"{BaseUrl.Host}:{BaseUrl.Port}";

    public string SigningCertUrl => new Uri(BaseUrl, "SimpleNotificationService-test.pem").AbsoluteUri;

    public string SubscribeUrl(string token) => new Uri(BaseUrl, "?Action=ConfirmSubscription&Token=" + Uri.EscapeDataString(token)).AbsoluteUri;

    public IReadOnlyList<string> CertificateFetches => [.. _certificateFetches];

    /// The Token of each confirmation received, in order.
    public IReadOnlyList<string> Confirmations => [.. _confirmations];

    /// A self-signed certificate for 127.0.0.1 and localhost whose key signs SNS messages.
    public static X509Certificate2 NewCertificate(RSA key, string subject = "CN=sns.amazonaws.com", X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(notBefore ?? now.AddDays(-1), notAfter ?? now.AddDays(30));
    }

    public static async Task<SnsSink> StartAsync()
    {
        var key = RSA.Create(2048);
        var certificate = NewCertificate(key);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new SnsSink(app, key, certificate);
        app.MapGet("/SimpleNotificationService-test.pem", (HttpContext context) =>
        {
            sink._certificateFetches.Enqueue(context.Request.Path);
            return Results.Text(sink.CertificatePem, "application/x-x509-ca-cert");
        });
        app.MapGet("/", (HttpContext context) =>
        {
            if (context.Request.Query["Action"] != "ConfirmSubscription")
            {
                return Results.BadRequest();
            }
            sink._confirmations.Enqueue(context.Request.Query["Token"].ToString());
            return Results.Text("<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn:aws:sns:us-east-1:123456789012:alarms:1</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>", "text/xml");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return sink;
    }

    /// A file holding the certificate in PEM, for CALLOUT_SNS_TRUSTED_CERTIFICATES.
    public string WriteCertificateFile(string directory)
    {
        var path = Path.Combine(directory, "sns-test-ca.pem");
        File.WriteAllText(path, CertificatePem);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Key.Dispose();
        Certificate.Dispose();
    }
}
