using Callout.Protocol.Auth;
using Callout.Protocol.Errors;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Callout.Tests.Auth;

/// What strict mode refuses beyond a bad signature: unsigned headers a captured request could be
/// changed through, regions the server does not serve, and session tokens it does not know.
public sealed class SigV4StrictnessTests
{
    private static readonly Credential Example =
        new(BotocoreVectors.AccessKeyId, BotocoreVectors.SecretAccessKey, "111122223333");

    private static SigV4Authenticator Strict(Credential? credential = null, Regions? regions = null) =>
        new(AuthMode.Strict, [credential ?? Example], new FakeTimeProvider(BotocoreVectors.SignedAt), regions);

    private static SigV4Authenticator Off(Regions? regions = null) =>
        new(AuthMode.Off, [Example], new FakeTimeProvider(BotocoreVectors.SignedAt), regions);

    private static ApiException Fails(Func<CallerScope> call, string code)
    {
        var e = Assert.Throws<ApiException>(() => call());
        Assert.Equal(code, e.Code);
        Assert.Equal(400, e.StatusCode);
        return e;
    }

    [Fact]
    public void a_captured_signature_with_an_unsigned_target_is_refused_whatever_the_target_says()
    {
        // The signature is botocore's own and matches: only the rule about signed headers refuses it.
        var request = BotocoreVectors.WithUnsignedTarget("SSMContacts.DeleteContact");

        var e = Fails(() => Strict().Authenticate(request), "InvalidSignatureException");
        Assert.Equal("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.", e.Message);
    }

    [Fact]
    public void the_unsigned_target_is_refused_before_the_body_is_read()
    {
        var request = BotocoreVectors.WithUnsignedTarget("SSMContacts.DeleteContact") with { Body = ReadOnlyMemory<byte>.Empty };

        Fails(() => Strict().Precheck(request, SigV4Authenticator.SsmContacts), "InvalidSignatureException");
    }

    [Fact]
    public void an_unsigned_host_is_refused()
    {
        var e = Fails(() => Strict().Authenticate(BotocoreVectors.GetContactWithoutSignedHost()), "InvalidSignatureException");
        Assert.Equal("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", e.Message);
    }

    [Theory]
    [InlineData("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")]
    [InlineData("x-amz-security-token", "session-token-example")]
    [InlineData("X-Amz-Meta-Anything", "1")]
    public void any_unsigned_x_amz_header_is_refused(string name, string value)
    {
        var request = BotocoreVectors.CreateContact().WithHeader(name, value);

        var e = Fails(() => Strict().Authenticate(request), "InvalidSignatureException");
        Assert.Equal($"'{name}' must be a 'SignedHeader' in the AWS Authorization.", e.Message);
    }

    [Fact]
    public void an_unsigned_date_header_is_refused()
    {
        var request = BotocoreVectors.WithUnsignedTarget("SSMContacts.GetContact").WithHeader("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240325/us-east-1/ssm-contacts/aws4_request, SignedHeaders=content-type;host;x-amz-target, Signature=" + new string('a', 64));

        var e = Fails(() => Strict().Authenticate(request), "InvalidSignatureException");
        Assert.Equal("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.", e.Message);
    }

    [Fact]
    public void a_region_no_partition_has_is_refused_though_signed_correctly()
    {
        var e = Fails(() => Strict().Authenticate(BotocoreVectors.GetContactInRegion("zz-evil-9")), "InvalidSignatureException");
        Assert.Equal("Credential should be scoped to a valid region, not 'zz-evil-9'.", e.Message);
    }

    [Fact]
    public void a_300_character_region_is_refused_and_not_echoed_whole()
    {
        var e = Fails(() => Strict().Authenticate(BotocoreVectors.GetContactInRegion(BotocoreVectors.LongRegion)), "InvalidSignatureException");
        Assert.StartsWith("Credential should be scoped to a valid region, not 'us-east-1xxx", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 120, e.Message);
    }

    [Fact]
    public void a_served_region_outside_the_default_partition_is_accepted_when_configured()
    {
        var regions = Regions.Parse("eu-west-1", out _)!;

        Fails(() => Strict(regions: regions).Authenticate(BotocoreVectors.CreateContact()), "InvalidSignatureException");
        Assert.Equal("eu-west-1", Strict(Example with { SessionToken = "session-token-example" }, regions).Authenticate(BotocoreVectors.ListContactsWithToken()).Region);
    }

    [Theory]
    [InlineData("zz-evil-9")]
    [InlineData("us-east-1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("US-EAST-1")]
    public void off_mode_refuses_an_unserved_region_too(string region)
    {
        var request = BotocoreVectors.CreateContact().WithHeader("Authorization",
            $"AWS4-HMAC-SHA256 Credential=test/20000101/{region}/ssm-contacts/aws4_request, SignedHeaders=host, Signature=00");

        var e = Fails(() => Off().Authenticate(request), "InvalidSignatureException");
        Assert.StartsWith("Credential should be scoped to a valid region, not '", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cn-north-1", "aws,aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("eu-isoe-west-1", "eu-isoe-west-1")]
    public void off_mode_serves_regions_of_the_configured_partitions(string region, string configured)
    {
        var request = BotocoreVectors.CreateContact().WithHeader("Authorization",
            $"AWS4-HMAC-SHA256 Credential=test/20000101/{region}/ssm-contacts/aws4_request, SignedHeaders=host, Signature=00");

        Assert.Equal(region, Off(Regions.Parse(configured, out _)).Authenticate(request).Region);
        Fails(() => Off().Authenticate(request), "InvalidSignatureException");
    }

    [Fact]
    public void an_unknown_session_token_is_unrecognized()
    {
        // botocore signed the token, so only its being unknown can refuse it.
        var e = Fails(() => Strict().Authenticate(BotocoreVectors.ListContactsWithToken()), "UnrecognizedClientException");
        Assert.Equal("The security token included in the request is invalid.", e.Message);
    }

    [Fact]
    public void a_token_other_than_the_keys_is_unrecognized()
    {
        var credential = Example with { SessionToken = "another-token" };

        Fails(() => Strict(credential).Authenticate(BotocoreVectors.ListContactsWithToken()), "UnrecognizedClientException");
    }

    [Fact]
    public void a_key_with_a_token_refuses_requests_without_one()
    {
        var credential = Example with { SessionToken = "session-token-example" };

        Fails(() => Strict(credential).Authenticate(BotocoreVectors.CreateContact()), "UnrecognizedClientException");
    }

    [Fact]
    public void the_precheck_refuses_an_unknown_key_an_unknown_token_and_a_stale_date_without_a_body()
    {
        var noBody = BotocoreVectors.CreateContact() with { Body = ReadOnlyMemory<byte>.Empty };
        var other = new Credential("AKIDOTHER", "secret", "111122223333");
        var stale = new SigV4Authenticator(AuthMode.Strict, [Example], new FakeTimeProvider(BotocoreVectors.SignedAt.AddHours(1)));

        Fails(() => Strict(other).Precheck(noBody, SigV4Authenticator.SsmContacts), "UnrecognizedClientException");
        Fails(() => Strict().Precheck(BotocoreVectors.ListContactsWithToken() with { Body = ReadOnlyMemory<byte>.Empty }, SigV4Authenticator.SsmContacts), "UnrecognizedClientException");
        Fails(() => stale.Precheck(noBody, SigV4Authenticator.SsmContacts), "InvalidSignatureException");
        // The signature itself waits for the body: without it, the precheck still passes.
        Assert.Equal("us-east-1", Strict().Precheck(noBody, SigV4Authenticator.SsmContacts).Region);
    }

    [Theory]
    [InlineData("aws,zz")]
    [InlineData("us east 1")]
    [InlineData("")]
    [InlineData("us-east-1xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void a_region_list_with_anything_but_regions_and_partitions_is_refused(string value)
    {
        Assert.Null(Regions.Parse(value, out var error));
        Assert.NotEmpty(error);
    }
}
