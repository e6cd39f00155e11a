using System.Text;
using Callout.Engine.Delivery;
using Xunit;

namespace Callout.Tests.Delivery;

/// The Standard Webhooks scheme, checked against the specification's published test vector and
/// then against the ways a post can be forged, stale or malformed.
public sealed class WebhookSignatureTests
{
    // https://www.standardwebhooks.com, the reference libraries' test vector.
    const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const long VectorTimestamp = 1614265330;
    const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static readonly byte[] VectorBody = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
    static readonly DateTimeOffset VectorTime = DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp);

    static IReadOnlyList<WebhookSecret> Secrets(params string[] texts) => [.. texts.Select(WebhookSecret.Parse)];

    [Fact]
    public void signing_reproduces_the_specifications_test_vector()
    {
        Assert.Equal(VectorSignature, WebhookSignature.Sign(WebhookSecret.Parse(VectorSecret), VectorId, VectorTimestamp, VectorBody));
    }

    [Fact]
    public void the_test_vector_verifies_at_its_own_time()
    {
        Assert.Equal(WebhookCheck.Valid,
            WebhookVerification.Check(Secrets(VectorSecret), VectorId, "1614265330", VectorSignature, VectorBody, VectorTime));
    }

    [Fact]
    public void one_signature_per_secret_is_sent_in_order_and_either_secret_verifies()
    {
        var next = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("the next secret, 24 bytes"));
        var header = WebhookSignature.SignAll(Secrets(next, VectorSecret), VectorId, VectorTimestamp, VectorBody);

        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(VectorSignature, parts[1]);
        Assert.True(WebhookSignature.Matches(Secrets(VectorSecret), VectorId, VectorTimestamp, VectorBody, header));
        Assert.True(WebhookSignature.Matches(Secrets(next), VectorId, VectorTimestamp, VectorBody, header));
    }

    [Fact]
    public void a_header_is_accepted_when_any_of_its_signatures_matches_and_other_versions_are_skipped()
    {
        Assert.True(WebhookSignature.Matches(Secrets(VectorSecret), VectorId, VectorTimestamp, VectorBody,
            "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,bm9wZQ== " + VectorSignature));
        Assert.False(WebhookSignature.Matches(Secrets(VectorSecret), VectorId, VectorTimestamp, VectorBody,
            "v2," + VectorSignature[3..]));
    }

    [Fact]
    public void a_secret_without_the_prefix_is_its_text_as_the_key_as_before()
    {
        var plain = WebhookSecret.Parse("an old plain secret");
        var prefixed = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("an old plain secret")));

        Assert.Equal(plain.Key.ToArray(), prefixed.Key.ToArray());
        Assert.Equal(WebhookSignature.Sign(plain, "id", 1, VectorBody), WebhookSignature.Sign(prefixed, "id", 1, VectorBody));
    }

    [Theory]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_abc")]
    [InlineData("")]
    public void a_malformed_secret_is_refused(string text)
    {
        Assert.False(WebhookSecret.TryParse(text, out _));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw whsec_!!")]
    public void a_secret_list_with_no_secret_or_a_malformed_one_is_refused(string text)
    {
        Assert.False(WebhookSecret.TryParseList(text, out _));
    }

    [Fact]
    public void a_secret_list_is_split_on_spaces_newest_first()
    {
        Assert.True(WebhookSecret.TryParseList("  first   " + VectorSecret + " ", out var secrets));
        Assert.Equal(2, secrets.Count);
        Assert.Equal("first"u8.ToArray(), secrets[0].Key.ToArray());
    }

    [Theory]
    [InlineData(-300, WebhookCheck.Valid)]
    [InlineData(300, WebhookCheck.Valid)]
    [InlineData(-301, WebhookCheck.TooNew)]
    [InlineData(301, WebhookCheck.TooOld)]
    [InlineData(86_400, WebhookCheck.TooOld)]
    public void the_signed_timestamp_must_be_within_five_minutes_of_now_either_way(int nowMinusSigned, WebhookCheck expected)
    {
        Assert.Equal(expected, WebhookVerification.Check(Secrets(VectorSecret), VectorId, "1614265330", VectorSignature, VectorBody,
            VectorTime.AddSeconds(nowMinusSigned)));
    }

    [Fact]
    public void a_forged_signature_is_reported_as_forged_before_its_age_is_judged()
    {
        var forged = WebhookSignature.Sign(WebhookSecret.Parse("whsec_" + Convert.ToBase64String(new byte[24])), VectorId, VectorTimestamp, VectorBody);

        Assert.Equal(WebhookCheck.BadSignature,
            WebhookVerification.Check(Secrets(VectorSecret), VectorId, "1614265330", forged, VectorBody, VectorTime.AddDays(1)));
    }

    [Theory]
    [InlineData("msg_other", "1614265330", """{"test": 2432232314}""")]
    [InlineData(VectorId, "1614265331", """{"test": 2432232314}""")]
    [InlineData(VectorId, "1614265330", """{"test": 2432232315}""")]
    public void changing_the_id_the_timestamp_or_the_body_breaks_the_signature(string id, string timestamp, string body)
    {
        Assert.Equal(WebhookCheck.BadSignature,
            WebhookVerification.Check(Secrets(VectorSecret), id, timestamp, VectorSignature, Encoding.UTF8.GetBytes(body), VectorTime));
    }

    [Theory]
    [InlineData(null, "1614265330", VectorSignature)]
    [InlineData("", "1614265330", VectorSignature)]
    [InlineData("has space", "1614265330", VectorSignature)]
    [InlineData(VectorId, null, VectorSignature)]
    [InlineData(VectorId, "-1614265330", VectorSignature)]
    [InlineData(VectorId, "1614265330.0", VectorSignature)]
    [InlineData(VectorId, "1234567890123", VectorSignature)]
    [InlineData(VectorId, "1614265330", null)]
    [InlineData(VectorId, "1614265330", "  ")]
    public void missing_or_malformed_headers_are_malformed(string? id, string? timestamp, string? signature)
    {
        Assert.Equal(WebhookCheck.Malformed, WebhookVerification.Check(Secrets(VectorSecret), id, timestamp, signature, VectorBody, VectorTime));
    }

    [Fact]
    public void an_id_longer_than_256_characters_is_malformed()
    {
        var id = new string('m', 257);
        var signature = WebhookSignature.Sign(WebhookSecret.Parse(VectorSecret), id, VectorTimestamp, VectorBody);

        Assert.Equal(WebhookCheck.Malformed, WebhookVerification.Check(Secrets(VectorSecret), id, "1614265330", signature, VectorBody, VectorTime));
    }

    [Fact]
    public void the_deprecated_signature_is_the_hex_hmac_of_the_body_with_the_secrets_text_as_before()
    {
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("old secret"u8, VectorBody));

        Assert.Equal(expected, WebhookSignature.SignLegacy(WebhookSecret.Parse("old secret"), VectorBody));
    }
}
