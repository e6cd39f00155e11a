using Callout.Protocol.Auth;
using Xunit;

namespace Callout.Tests.Auth;

/// What off mode reads of an Authorization header: the access key and the region of its credential
/// scope, from any header strict mode could take apart, and nothing from one it could not.
public sealed class LenientScopeTests
{
    [Theory]
    // An SDK's header, and the same with untidy spacing and an empty part.
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/ssm-contacts/aws4_request, SignedHeaders=host, Signature=00", "AKID", "us-east-1")]
    [InlineData("  AWS4-HMAC-SHA256 SignedHeaders=host ,, Credential =  AKID/20261125/eu-west-1/ssm-contacts/aws4_request  , Signature=00 ", "AKID", "eu-west-1")]
    // The first Credential counts, as when strict mode reads it.
    [InlineData("AWS4-HMAC-SHA256 Credential=FIRST/d/us-east-1/s/t, Credential=SECOND/d/eu-west-1/s/t", "FIRST", "us-east-1")]
    // SigV4a scopes have four elements and no region; an empty region is no region either.
    [InlineData("AWS4-ECDSA-P256-SHA256 Credential=AKID/20261125/ssm-contacts/aws4_request, Signature=00", "AKID", null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261125//ssm-contacts/aws4_request", "AKID", null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/ssm-contacts/aws4_request/extra", "AKID", null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID", "AKID", null)]
    // Nothing to read: no credential, an empty key, a part that is not key=value, no parameters.
    [InlineData("AWS4-HMAC-SHA256 Credential=/20261125/us-east-1/ssm-contacts/aws4_request", null, null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=", null, null)]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00", null, null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/d/us-east-1/s/t, junk", null, null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/d/us-east-1/s/t, =value", null, null)]
    [InlineData("AWS4-HMAC-SHA256 credential=AKID/d/us-east-1/s/t", null, null)]
    [InlineData("Credential=AKID/d/us-east-1/s/t", null, null)]
    [InlineData("", null, null)]
    public void off_mode_reads_the_key_and_region_of_the_credential_scope(string header, string? key, string? region)
    {
        Assert.Equal(new CallerScope(key, region), AuthorizationHeader.ReadScopeLeniently(header));
    }

    [Fact]
    public void no_header_is_no_caller()
    {
        Assert.Equal(new CallerScope(null, null), AuthorizationHeader.ReadScopeLeniently(null));
    }
}
