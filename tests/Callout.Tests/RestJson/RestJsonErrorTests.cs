using System.Text;
using System.Text.Json;
using Callout.Protocol.Errors;
using Callout.Protocol.RestJson;
using Xunit;

namespace Callout.Tests.RestJson;

public sealed class RestJsonErrorTests
{
    // Each error shape's error.httpStatusCode in the ssm-incidents model.
    [Theory]
    [InlineData("ValidationException", 400)]
    [InlineData("ResourceNotFoundException", 404)]
    [InlineData("ConflictException", 409)]
    [InlineData("ServiceQuotaExceededException", 402)]
    [InlineData("ThrottlingException", 429)]
    [InlineData("AccessDeniedException", 403)]
    [InlineData("InternalServerException", 500)]
    public void the_status_is_the_error_shapes(string code, int status) =>
        Assert.Equal(status, RestJsonErrors.StatusOf(new ApiException(code, "why")));

    // What AWS answers for a SigV4 fault on a rest-json service.
    [Theory]
    [InlineData("MissingAuthenticationTokenException", 403)]
    [InlineData("InvalidSignatureException", 403)]
    [InlineData("UnrecognizedClientException", 403)]
    [InlineData("IncompleteSignatureException", 400)]
    public void signature_faults_keep_their_codes(string code, int status) =>
        Assert.Equal(status, RestJsonErrors.StatusOf(new ApiException(code, "why")));

    [Fact]
    public void the_body_has_a_lower_case_message_and_the_shapes_camel_case_members()
    {
        var body = Parse(RestJsonErrors.Body(new ResourceNotFoundException("No replication set.", "arn:x", "REPLICATION_SET")));

        Assert.Equal("ResourceNotFoundException", body.GetProperty("__type").GetString());
        Assert.Equal("No replication set.", body.GetProperty("message").GetString());
        Assert.Equal("arn:x", body.GetProperty("resourceIdentifier").GetString());
        Assert.Equal("REPLICATION_SET", body.GetProperty("resourceType").GetString());
        Assert.False(body.TryGetProperty("Message", out _));
    }

    [Fact]
    public void a_validation_error_carries_only_its_message()
    {
        var body = Parse(RestJsonErrors.Body(ValidationException.ForField("arn", "bad arn")));

        Assert.Equal(["__type", "message"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void a_quota_error_names_the_incidents_service()
    {
        var body = Parse(RestJsonErrors.Body(new ServiceQuotaExceededException("one per account", "L-1")));

        Assert.Equal(("L-1", "ssm-incidents"), (body.GetProperty("quotaCode").GetString(), body.GetProperty("serviceCode").GetString()));
    }

    [Fact]
    public void an_operation_without_a_handler_is_not_implemented_not_a_failure() =>
        Assert.Equal(501, RestJsonErrors.StatusOf(RestJsonErrors.NotServed("StartIncident")));

    static JsonElement Parse(byte[] bytes) => JsonDocument.Parse(Encoding.UTF8.GetString(bytes)).RootElement.Clone();
}
