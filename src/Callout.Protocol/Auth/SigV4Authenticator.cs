using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Callout.Protocol.Errors;

namespace Callout.Protocol.Auth;

/// Verifies SigV4 per docs/spec/protocol.md §9 and names the caller per §5.
public sealed class SigV4Authenticator
{
    /// The signing name of the SSM Contacts API, and of every request that names no other.
    public const string SsmContacts = "ssm-contacts";

    /// STS's signing name; only the STS query endpoint asks for it.
    public const string Sts = "sts";

    private const string Terminator = "aws4_request";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    private readonly AuthMode mode;
    private readonly Dictionary<string, Credential> credentials;
    private readonly TimeProvider time;

    /// Whether Authenticate needs every header and the body, or only the Authorization header
    /// (off mode reads the credential scope and verifies nothing).
    public bool VerifiesSignatures => mode != AuthMode.Off;

    public SigV4Authenticator(AuthMode mode, IReadOnlyCollection<Credential> credentials, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        this.mode = mode;
        this.time = time;
        this.credentials = new Dictionary<string, Credential>(StringComparer.Ordinal);
        foreach (var c in credentials)
        {
            if (!this.credentials.TryAdd(c.AccessKeyId, c))
            {
                throw new ArgumentException($"Access key '{c.AccessKeyId}' is configured twice.", nameof(credentials));
            }
        }
    }

    public CallerScope Authenticate(SignedRequest request) => Authenticate(request, SsmContacts);

    /// Strict mode accepts only a credential scoped to `service`, so a signature made for one
    /// service is never honoured by another's endpoint, as AWS does.
    public CallerScope Authenticate(SignedRequest request, string service)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(service);
        var authorization = FirstHeader(request, "Authorization");
        if (mode == AuthMode.Off)
        {
            return AuthorizationHeader.ReadScopeLeniently(authorization);
        }
        if (string.IsNullOrWhiteSpace(authorization))
        {
            throw CommonErrors.MissingAuthenticationToken();
        }
        var auth = AuthorizationHeader.Parse(authorization, out var error)
            ?? throw CommonErrors.IncompleteSignature(error);
        if (auth.Algorithm != AuthorizationHeader.HmacSha256)
        {
            throw CommonErrors.IncompleteSignature(
                $"Unsupported AWS 'algorithm': '{auth.Algorithm}'. Only '{AuthorizationHeader.HmacSha256}' is accepted.");
        }
        var amzDate = FirstHeader(request, "X-Amz-Date");
        if (amzDate is null)
        {
            throw CommonErrors.IncompleteSignature(
                $"Authorization header requires existence of a 'X-Amz-Date' header. Authorization={authorization}");
        }
        if (!DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            throw CommonErrors.IncompleteSignature(
                $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        CheckScope(auth, amzDate, service);
        CheckClock(signedAt);
        if (!credentials.TryGetValue(auth.AccessKeyId, out var credential))
        {
            throw CommonErrors.UnrecognizedClient();
        }
        if (!SignatureMatches(request, auth, amzDate, credential.SecretAccessKey))
        {
            throw CommonErrors.InvalidSignature(
                "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return new CallerScope(auth.AccessKeyId, auth.Region);
    }

    /// The unverified scope of a request that failed authentication, when its key is one of the
    /// configured ones: a known caller whose request was refused. Null otherwise, and in off mode.
    public CallerScope? ClaimedKnownCaller(string? authorization)
    {
        if (mode == AuthMode.Off)
        {
            return null;
        }
        var claimed = AuthorizationHeader.ReadScopeLeniently(authorization);
        return claimed.AccessKeyId is not null && credentials.ContainsKey(claimed.AccessKeyId) ? claimed : null;
    }

    public string ResolveAccount(string? accessKeyId, string defaultAccount)
    {
        if (accessKeyId is null)
        {
            return defaultAccount;
        }
        if (credentials.TryGetValue(accessKeyId, out var credential))
        {
            return credential.AccountId;
        }
        // LocalStack's convention, which test suites written against it rely on.
        return accessKeyId.Length == 12 && accessKeyId.All(char.IsAsciiDigit) ? accessKeyId : defaultAccount;
    }

    private static void CheckScope(AuthorizationHeader auth, string amzDate, string service)
    {
        if (auth.Service != service)
        {
            throw CommonErrors.InvalidSignature($"Credential should be scoped to correct service: '{service}'.");
        }
        if (auth.Terminator != Terminator)
        {
            throw CommonErrors.InvalidSignature(
                $"Credential should be scoped with a valid terminator: '{Terminator}', not '{auth.Terminator}'.");
        }
        if (auth.Region.Length == 0)
        {
            throw CommonErrors.InvalidSignature("Credential should be scoped to a valid region, not ''.");
        }
        if (auth.ScopeDate != amzDate[..8])
        {
            throw CommonErrors.InvalidSignature(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + $"'{auth.ScopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }
    }

    // docs/spec/protocol.md §10.3: clients send whole seconds, so compare at second precision.
    private void CheckClock(DateTimeOffset signedAt)
    {
        var utcNow = time.GetUtcNow();
        var now = utcNow.AddTicks(-(utcNow.Ticks % TimeSpan.TicksPerSecond));
        if (signedAt < now - MaxSkew)
        {
            throw CommonErrors.InvalidSignature(
                $"Signature expired: {Format(signedAt)} is now earlier than {Format(now - MaxSkew)} ({Format(now)} - 15 min.)");
        }
        if (signedAt > now + MaxSkew)
        {
            throw CommonErrors.InvalidSignature(
                $"Signature not yet current: {Format(signedAt)} is still later than {Format(now + MaxSkew)} ({Format(now)} + 15 min.)");
        }
    }

    private static bool SignatureMatches(SignedRequest request, AuthorizationHeader auth, string amzDate, string secret)
    {
        var provided = auth.Signature;
        if (provided.Length != 64 || !provided.All(char.IsAsciiHexDigit))
        {
            return false;
        }
        var canonical = CanonicalRequest.Build(request, auth.SignedHeaders);
        var stringToSign = string.Join('\n',
            AuthorizationHeader.HmacSha256,
            amzDate,
            auth.Scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), auth.ScopeDate);
        key = Hmac(key, auth.Region);
        key = Hmac(key, auth.Service);
        key = Hmac(key, auth.Terminator);
        return CryptographicOperations.FixedTimeEquals(Hmac(key, stringToSign), Convert.FromHexString(provided));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

    private static string? FirstHeader(SignedRequest request, string name)
    {
        foreach (var h in request.Headers)
        {
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return h.Value;
            }
        }
        return null;
    }
}
