using Callout.Protocol.Auth;
using Callout.Protocol.Errors;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Callout.Tests.Auth;

public sealed class SigV4AuthenticatorTests
{
    private const string Mismatch = "The request signature we calculated does not match the signature you provided. "
        + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private static readonly Credential Example =
        new(BotocoreVectors.AccessKeyId, BotocoreVectors.SecretAccessKey, "111122223333");

    private static SigV4Authenticator Strict(DateTimeOffset? now = null, params Credential[] credentials) => new(
        AuthMode.Strict,
        credentials.Length == 0 ? [Example] : credentials,
        new FakeTimeProvider(now ?? BotocoreVectors.SignedAt));

    private static SigV4Authenticator Off() =>
        new(AuthMode.Off, [Example], new FakeTimeProvider(BotocoreVectors.SignedAt));

    private static ApiException Fails(SigV4Authenticator auth, SignedRequest request, string code)
    {
        var e = Assert.Throws<ApiException>(() => auth.Authenticate(request));
        Assert.Equal(code, e.Code);
        Assert.Equal(400, e.StatusCode);
        return e;
    }

    [Fact]
    public void request_signed_by_botocore_verifies_in_strict_mode()
    {
        var scope = Strict().Authenticate(BotocoreVectors.CreateContact());

        Assert.Equal(new CallerScope("AKIDEXAMPLE", "us-east-1"), scope);
    }

    [Fact]
    public void botocore_request_with_token_path_query_and_spaced_header_verifies()
    {
        var scope = Strict(null, Example with { SessionToken = "session-token-example" }).Authenticate(BotocoreVectors.ListContactsWithToken());

        Assert.Equal(new CallerScope("AKIDEXAMPLE", "eu-west-1"), scope);
    }

    [Fact]
    public void botocore_request_with_an_encoded_arn_in_its_path_verifies()
    {
        var scope = Strict().Authenticate(BotocoreVectors.UntagResponsePlan(), "ssm-incidents");

        Assert.Equal(new CallerScope("AKIDEXAMPLE", "us-east-1"), scope);
    }

    [Fact]
    public void header_names_match_whatever_their_case()
    {
        var request = BotocoreVectors.CreateContact();
        request = request with { Headers = [.. request.Headers.Select(h => KeyValuePair.Create(h.Key.ToUpperInvariant(), h.Value))] };

        Assert.Equal("us-east-1", Strict().Authenticate(request).Region);
    }

    [Fact]
    public void signed_content_sha256_header_verifies()
    {
        var scope = Strict().Authenticate(BotocoreVectors.CreateContactWithContentSha256());

        Assert.Equal(new CallerScope("AKIDEXAMPLE", "us-east-1"), scope);
    }

    [Fact]
    public void signed_content_sha256_header_does_not_vouch_for_a_changed_body()
    {
        var request = BotocoreVectors.CreateContactWithContentSha256() with { Body = "{}"u8.ToArray() };

        Assert.Equal(Mismatch, Fails(Strict(), request, "InvalidSignatureException").Message);
    }

    [Fact]
    public void unsigned_headers_do_not_affect_the_signature()
    {
        // None of them x-amz-*: X-Amzn-Trace-Id is another prefix, and SDKs leave it and User-Agent unsigned.
        var request = BotocoreVectors.CreateContact()
            .WithHeader("User-Agent", "Boto3/1.40")
            .WithHeader("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793")
            .WithHeader("amz-sdk-request", "attempt=2; max=5");

        Assert.Equal("us-east-1", Strict().Authenticate(request).Region);
    }

    [Fact]
    public void tampered_body_fails_with_signature_mismatch()
    {
        var request = BotocoreVectors.CreateContact() with
        {
            Body = BotocoreVectors.CreateContactBody.Select(b => b == (byte)'k' ? (byte)'K' : b).ToArray(),
        };

        Assert.Equal(Mismatch, Fails(Strict(), request, "InvalidSignatureException").Message);
    }

    [Fact]
    public void tampered_signed_header_fails_with_signature_mismatch()
    {
        var request = BotocoreVectors.CreateContact().WithHeader("X-Amz-Target", "SSMContacts.DeleteContact");

        Assert.Equal(Mismatch, Fails(Strict(), request, "InvalidSignatureException").Message);
    }

    [Fact]
    public void unknown_access_key_fails_in_strict_mode()
    {
        var other = new Credential("AKIDOTHER", BotocoreVectors.SecretAccessKey, "111122223333");

        Fails(Strict(null, other), BotocoreVectors.CreateContact(), "UnrecognizedClientException");
    }

    [Fact]
    public void wrong_secret_fails_in_strict_mode()
    {
        var owner = new Credential("111122223333", BotocoreVectors.SecretAccessKey, "111122223333");

        var e = Fails(Strict(null, owner), BotocoreVectors.SignedWithWrongSecret(), "InvalidSignatureException");
        Assert.Equal(Mismatch, e.Message);
    }

    [Fact]
    public void missing_authorization_fails_in_strict_mode()
    {
        var request = BotocoreVectors.CreateContact().WithoutHeader("Authorization");

        var e = Fails(Strict(), request, "MissingAuthenticationTokenException");
        Assert.Equal("Request is missing Authentication Token", e.Message);
    }

    [Fact]
    public void missing_authorization_gives_an_empty_scope_in_off_mode()
    {
        var request = BotocoreVectors.CreateContact().WithoutHeader("Authorization");

        Assert.Equal(new CallerScope(null, null), Off().Authenticate(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AWS4-HMAC-SHA256 Credential")]
    [InlineData("AWS4-HMAC-SHA256 Credential=, Signature=x")]
    [InlineData("Bearer abc.def")]
    public void unparsable_authorization_gives_an_empty_scope_in_off_mode(string header)
    {
        var request = BotocoreVectors.CreateContact().WithHeader("Authorization", header);

        Assert.Equal(new CallerScope(null, null), Off().Authenticate(request));
    }

    [Fact]
    public void off_mode_reads_region_and_key_from_a_request_signed_with_a_wrong_secret()
    {
        var scope = Off().Authenticate(BotocoreVectors.SignedWithWrongSecret());

        Assert.Equal(new CallerScope("111122223333", "ap-southeast-2"), scope);
    }

    [Fact]
    public void off_mode_ignores_the_clock_and_the_service()
    {
        var request = BotocoreVectors.CreateContact().WithHeader("Authorization",
            "AWS4-HMAC-SHA256 Credential=test/20000101/us-west-2/ssm/aws4_request, SignedHeaders=host, Signature=00");

        Assert.Equal(new CallerScope("test", "us-west-2"), Off().Authenticate(request));
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request, Signature=ab")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts, SignedHeaders=host, Signature=ab")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request SignedHeaders=host")]
    [InlineData("AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request, SignedHeaders=host, Signature=ab")]
    [InlineData("garbage")]
    public void malformed_authorization_fails_as_incomplete_in_strict_mode(string header)
    {
        var request = BotocoreVectors.CreateContact().WithHeader("Authorization", header);

        Fails(Strict(), request, "IncompleteSignatureException");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2024-03-25T14:34:53Z")]
    [InlineData("20240325")]
    public void missing_or_unparsable_amz_date_fails_as_incomplete(string? amzDate)
    {
        var request = BotocoreVectors.CreateContact().WithoutHeader("X-Amz-Date");
        if (amzDate is not null)
        {
            request = request.WithHeader("X-Amz-Date", amzDate);
        }

        Fails(Strict(), request, "IncompleteSignatureException");
    }

    [Fact]
    public void wrong_service_in_scope_fails()
    {
        var request = BotocoreVectors.CreateContact().WithHeader("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=b1dbd361edaab2344282da643041fa9383f72ff89d91862fb7b801081765db7f");

        var e = Fails(Strict(), request, "InvalidSignatureException");
        Assert.Equal("Credential should be scoped to correct service: 'ssm-contacts'.", e.Message);
    }

    [Fact]
    public void request_signed_for_sts_verifies_when_the_sts_endpoint_asks()
    {
        var scope = Strict().Authenticate(BotocoreVectors.GetCallerIdentity(), SigV4Authenticator.Sts);

        Assert.Equal(new CallerScope("AKIDEXAMPLE", "us-east-1"), scope);
    }

    [Fact]
    public void request_signed_for_sts_is_refused_by_the_ssm_contacts_api()
    {
        var e = Fails(Strict(), BotocoreVectors.GetCallerIdentity(), "InvalidSignatureException");
        Assert.Equal("Credential should be scoped to correct service: 'ssm-contacts'.", e.Message);
    }

    [Fact]
    public void request_signed_for_ssm_contacts_is_refused_by_the_sts_endpoint()
    {
        var e = Assert.Throws<ApiException>(() => Strict().Authenticate(BotocoreVectors.CreateContact(), SigV4Authenticator.Sts));
        Assert.Equal("InvalidSignatureException", e.Code);
        Assert.Equal("Credential should be scoped to correct service: 'sts'.", e.Message);
    }

    [Fact]
    public void wrong_terminator_in_scope_fails()
    {
        var request = BotocoreVectors.CreateContact().WithHeader("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws5_request, SignedHeaders=host, Signature=ab");

        var e = Fails(Strict(), request, "InvalidSignatureException");
        Assert.Equal("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.", e.Message);
    }

    [Fact]
    public void scope_date_other_than_the_amz_date_fails()
    {
        var request = BotocoreVectors.CreateContact().WithHeader("X-Amz-Date", "20240326T000000Z");

        var e = Fails(Strict(BotocoreVectors.SignedAt.AddMinutes(10)), request, "InvalidSignatureException");
        Assert.Equal(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
            + "'20240325' != '20240326', from '20240326T000000Z'.",
            e.Message);
    }

    [Fact]
    public void signature_older_than_15_minutes_fails_with_the_aws_wording()
    {
        // docs/spec/protocol.md §9 step 2's example; the fraction of a second on the clock must not show.
        var request = BotocoreVectors.CreateContact()
            .WithHeader("X-Amz-Date", "20140325T143453Z")
            .WithHeader("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20140325/us-east-1/ssm-contacts/aws4_request, SignedHeaders=host, Signature=ab");
        var now = new DateTimeOffset(2014, 3, 25, 14, 52, 51, 700, TimeSpan.Zero);

        var e = Fails(Strict(now), request, "InvalidSignatureException");
        Assert.Equal(
            "Signature expired: 20140325T143453Z is now earlier than 20140325T143751Z (20140325T145251Z - 15 min.)",
            e.Message);
    }

    [Fact]
    public void signature_more_than_15_minutes_ahead_fails_with_the_aws_wording()
    {
        var now = BotocoreVectors.SignedAt.AddMinutes(-15).AddSeconds(-1);

        var e = Fails(Strict(now), BotocoreVectors.CreateContact(), "InvalidSignatureException");
        Assert.Equal(
            "Signature not yet current: 20240325T143453Z is still later than 20240325T143452Z (20240325T141952Z + 15 min.)",
            e.Message);
    }

    [Theory]
    [InlineData(-15 * 60)]
    [InlineData(15 * 60)]
    public void signature_exactly_15_minutes_off_still_verifies(int seconds)
    {
        // Clocks read at sub-second precision; a client signing on the boundary second is still in time.
        var now = BotocoreVectors.SignedAt.AddSeconds(seconds).AddMilliseconds(900);

        Assert.Equal("us-east-1", Strict(now).Authenticate(BotocoreVectors.CreateContact()).Region);
    }

    [Fact]
    public void the_same_access_key_configured_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Strict(null, Example, Example));
    }

    [Theory]
    [InlineData("AKIDEXAMPLE", "111122223333")] // configured key: its account
    [InlineData("999988887777", "999988887777")] // 12 digits: the key is the account (LocalStack)
    [InlineData("test", "000000000000")] // anything else: the default
    [InlineData("12345678901", "000000000000")] // 11 digits is not an account
    [InlineData("12345678901a", "000000000000")]
    [InlineData(null, "000000000000")] // unsigned request
    public void resolve_account_prefers_configured_keys_then_numeric_keys_then_the_default(
        string? accessKeyId, string expected)
    {
        Assert.Equal(expected, Strict().ResolveAccount(accessKeyId, "000000000000"));
    }

    [Fact]
    public void a_configured_numeric_key_maps_to_its_configured_account()
    {
        var auth = Strict(null, new Credential("999988887777", "secret", "111122223333"));

        Assert.Equal("111122223333", auth.ResolveAccount("999988887777", "000000000000"));
    }
}
