using Callout.Protocol.Errors;
using Callout.Protocol.Query;
using Xunit;

namespace Callout.Tests.Query;

public sealed class QueryErrorsTests
{
    // AWS "Common Errors" for query services: the code and status STS answers for each SigV4 fault.
    [Theory]
    [InlineData("MissingAuthenticationTokenException", "MissingAuthenticationToken", 403)]
    [InlineData("IncompleteSignatureException", "IncompleteSignature", 400)]
    [InlineData("InvalidSignatureException", "SignatureDoesNotMatch", 403)]
    [InlineData("UnrecognizedClientException", "InvalidClientTokenId", 403)]
    public void authentication_faults_take_the_query_protocols_names(string json, string query, int status)
    {
        var error = QueryErrors.FromAuthentication(new ApiException(json, "why"));

        Assert.Equal((query, status, "why", "Sender"), (error.Code, error.StatusCode, error.Message, error.Type));
    }
}
