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
    private readonly Regions regions;

    /// Whether Authenticate needs every header and the body, or only the Authorization header
    /// (off mode reads the credential scope and verifies nothing).
    public bool VerifiesSignatures => mode != AuthMode.Off;

    /// `regions` are those a credential scope may name, in either mode (default: Regions.Commercial).
    public SigV4Authenticator(AuthMode mode, IReadOnlyCollection<Credential> credentials, TimeProvider time, Regions? regions = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        this.mode = mode;
        this.time = time;
        this.regions = regions ?? Regions.Commercial;
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
        ArgumentException.ThrowIfNullOrEmpty(service);
        return Check(request, [service], verifySignature: true);
    }

    /// Everything Authenticate checks that needs no body: the Authorization header's form, a known
    /// key and its session token, the date window, the scope (service, region, terminator) and the
    /// headers that must be signed. Run before a body is read, so a caller who cannot pass it never
    /// makes the server buffer one; Authenticate then verifies the signature over the whole request.
    public CallerScope Precheck(SignedRequest request, string service)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        return Check(request, [service], verifySignature: false);
    }

    /// As Precheck, for an endpoint that learns which service a request is for only from its body
    /// (STS's query protocol shares the port with the JSON API).
    public CallerScope Precheck(SignedRequest request, IReadOnlyCollection<string> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Check(request, services, verifySignature: false);
    }

    private CallerScope Check(SignedRequest request, IReadOnlyCollection<string> services, bool verifySignature)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = FirstHeader(request, "Authorization");
        if (mode == AuthMode.Off)
        {
            // Off mode verifies nothing, but the region still names a scope that data is kept in:
            // an unserved one would open a fresh scope for any string (docs/decisions.md, Identity).
            var scope = AuthorizationHeader.ReadScopeLeniently(authorization);
            if (scope.Region is { } region && !regions.Serves(region))
            {
                throw InvalidRegion(region);
            }
            return scope;
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
        CheckScope(auth, amzDate, services);
        CheckClock(signedAt);
        CheckSignedHeaders(request, auth);
        if (!credentials.TryGetValue(auth.AccessKeyId, out var credential))
        {
            throw CommonErrors.UnrecognizedClient();
        }
        if (!SessionTokenMatches(credential.SessionToken, FirstHeader(request, "X-Amz-Security-Token")))
        {
            throw CommonErrors.UnrecognizedClient();
        }
        if (verifySignature && !SignatureMatches(request, auth, amzDate, credential.SecretAccessKey))
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

    /// A header left out of SignedHeaders can be changed by whoever holds the request: with an
    /// unsigned X-Amz-Target, a captured GetContact became a DeleteContact. So Host and every
    /// x-amz-* header sent must be signed; every AWS SDK signs them all.
    private static void CheckSignedHeaders(SignedRequest request, AuthorizationHeader auth)
    {
        var signed = auth.SignedHeaders.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!signed.Contains("host") && !signed.Contains(":authority"))
        {
            throw CommonErrors.InvalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        foreach (var (name, _) in request.Headers)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase) && !signed.Contains(name))
            {
                throw CommonErrors.InvalidSignature($"'{name}' must be a 'SignedHeader' in the AWS Authorization.");
            }
        }
    }

    private static bool SessionTokenMatches(string? configured, string? sent) =>
        configured is null
            ? sent is null
            : sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(sent));

    private static ApiException InvalidRegion(string region) =>
        CommonErrors.InvalidSignature($"Credential should be scoped to a valid region, not '{Shown(region)}'.");

    // A scope's parts are echoed in messages; a 300-character region need not be echoed whole.
    private static string Shown(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private void CheckScope(AuthorizationHeader auth, string amzDate, IReadOnlyCollection<string> services)
    {
        if (!services.Contains(auth.Service, StringComparer.Ordinal))
        {
            throw CommonErrors.InvalidSignature($"Credential should be scoped to correct service: '{services.First()}'.");
        }
        if (auth.Terminator != Terminator)
        {
            throw CommonErrors.InvalidSignature(
                $"Credential should be scoped with a valid terminator: '{Terminator}', not '{auth.Terminator}'.");
        }
        if (!regions.Serves(auth.Region))
        {
            throw InvalidRegion(auth.Region);
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
