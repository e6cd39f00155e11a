using Callout.Server.Alerts.Grafana;
using Xunit;
using static Callout.Tests.Alerts.AlertBodies;

namespace Callout.Tests.Alerts;

public class GrafanaSignatureTests
{
    const string Secret = "a-long-grafana-secret";
    static readonly byte[] Body = Bytes("""{"status":"firing"}""");
    static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    [Fact]
    public void the_signature_is_the_lowercase_hex_hmac_sha256_of_the_body_or_of_timestamp_colon_body()
    {
        // Computed apart from the code under test (Python's hmac module).
        Assert.Equal("34dd9ac122d2b440b74ae2ec65da0d33f3c5fc99b8433e4974b41474402457d1", GrafanaSignature.Sign(Secret, Body, null));
        Assert.Equal("5239d37a88e183b0a9229cca0053e471924ad54aca898eadab9ff5464f619a87", GrafanaSignature.Sign(Secret, Body, "1767225600"));
    }

    [Fact]
    public void a_signature_made_with_the_secret_holds_with_or_without_a_timestamp()
    {
        Assert.Equal(GrafanaSignature.Check.Valid, GrafanaSignature.Verify(Secret, Body, GrafanaSignature.Sign(Secret, Body, null), null, SignedAt));
        Assert.Equal(GrafanaSignature.Check.Valid,
            GrafanaSignature.Verify(Secret, Body, GrafanaSignature.Sign(Secret, Body, "1767225600"), "1767225600", SignedAt.AddMinutes(4)));
        Assert.Equal(GrafanaSignature.Check.Valid,
            GrafanaSignature.Verify(Secret, Body, GrafanaSignature.Sign(Secret, Body, null).ToUpperInvariant(), null, SignedAt));
    }

    [Fact]
    public void a_forged_signature_does_not_hold()
    {
        var good = GrafanaSignature.Sign(Secret, Body, "1767225600");

        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify("another-long-secret!", Body, good, "1767225600", SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Bytes("""{"status":"resolved"}"""), good, "1767225600", SignedAt));
        // The same signature with its timestamp moved, or dropped, signs something else.
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, good, "1767225601", SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, good, null, SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, good[..^2], "1767225600", SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, "sha256=" + good, "1767225600", SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, "not hex at all", null, SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, good, "-5", SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, good, "99999999999999999999999", SignedAt));
        Assert.Equal(GrafanaSignature.Check.Mismatch, GrafanaSignature.Verify(Secret, Body, good, "1767225600.0", SignedAt));
    }

    [Fact]
    public void a_missing_signature_is_told_apart()
    {
        Assert.Equal(GrafanaSignature.Check.Missing, GrafanaSignature.Verify(Secret, Body, null, null, SignedAt));
        Assert.Equal(GrafanaSignature.Check.Missing, GrafanaSignature.Verify(Secret, Body, " ", "1767225600", SignedAt));
    }

    [Fact]
    public void a_timestamp_more_than_five_minutes_off_is_refused_either_way()
    {
        var good = GrafanaSignature.Sign(Secret, Body, "1767225600");

        Assert.Equal(GrafanaSignature.Check.TooOld, GrafanaSignature.Verify(Secret, Body, good, "1767225600", SignedAt.AddMinutes(5).AddSeconds(1)));
        Assert.Equal(GrafanaSignature.Check.TooNew, GrafanaSignature.Verify(Secret, Body, good, "1767225600", SignedAt.AddMinutes(-5).AddSeconds(-1)));
        Assert.Equal(GrafanaSignature.Check.TooOld,
            GrafanaSignature.Verify(Secret, Body, GrafanaSignature.Sign(Secret, Body, "0"), "0", SignedAt));
    }
}
