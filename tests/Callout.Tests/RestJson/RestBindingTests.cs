using System.Text;
using System.Text.Json;
using Callout.Protocol.Errors;
using ShapeReaders = Callout.Protocol.Incidents.ShapeReaders;
using Callout.Protocol.RestJson;
using Callout.Protocol.Validation;
using Xunit;

namespace Callout.Tests.RestJson;

/// The generated readers of ssm-incidents inputs: members bound to the query string and path come
/// from there, body members from the JSON, all checked against the model's constraints.
public sealed class RestBindingTests
{
    const string Arn = "arn:aws:ssm-incidents::111122223333:replication-set/abc";

    static RestInput Input(string body = "{}", string query = "", Dictionary<string, string>? labels = null)
    {
        var doc = RestJsonFraming.ParseBody(Encoding.UTF8.GetBytes(body));
        return new RestInput(doc.RootElement, labels ?? [], RestQuery.Parse(query), _ => null);
    }

    [Fact]
    public void a_query_bound_member_is_read_from_the_query_string()
    {
        var r = new RequestReader();

        var input = ShapeReaders.ReadGetReplicationSetInput(r, Input(query: "arn=" + Uri.EscapeDataString(Arn)));

        Assert.Empty(r.Errors);
        Assert.Equal(Arn, input?.Arn);
    }

    [Fact]
    public void a_query_bound_member_in_the_body_does_not_count()
    {
        var r = new RequestReader();

        ShapeReaders.ReadGetReplicationSetInput(r, Input(body: $$"""{"arn":"{{Arn}}"}"""));

        Assert.Equal("arn", Assert.Single(r.Errors).Name);
    }

    [Fact]
    public void a_bound_value_is_held_to_the_shapes_pattern()
    {
        var r = new RequestReader();

        ShapeReaders.ReadGetReplicationSetInput(r, Input(query: "arn=not-an-arn"));

        var error = Assert.Single(r.Errors);
        Assert.Equal("arn", error.Name);
        Assert.StartsWith("Member must satisfy regular expression pattern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_scalar_given_twice_in_the_query_is_refused()
    {
        var r = new RequestReader();

        ShapeReaders.ReadGetReplicationSetInput(r, Input(query: $"arn={Arn}&arn={Arn}"));

        Assert.Equal("Member must have a single value", Assert.Single(r.Errors).Message);
    }

    [Fact]
    public void path_labels_and_repeated_query_keys_fill_a_list()
    {
        var r = new RequestReader();

        var input = ShapeReaders.ReadUntagResourceRequest(r, Input(query: "tagKeys=a&tagKeys=b", labels: new() { ["resourceArn"] = Arn }));

        Assert.Empty(r.Errors);
        Assert.Equal(Arn, input?.ResourceArn);
        Assert.Equal(["a", "b"], input?.TagKeys);
    }

    [Fact]
    public void body_members_are_camel_case_and_checked()
    {
        var r = new RequestReader();

        var input = ShapeReaders.ReadCreateReplicationSetInput(r, Input(body: """{"regions":{"us-east-1":{"sseKmsKeyId":"key"}},"clientToken":"t"}"""));

        Assert.Empty(r.Errors);
        Assert.Equal("key", input?.Regions["us-east-1"].SseKmsKeyId);
        Assert.Equal("t", input?.ClientToken);
    }

    [Fact]
    public void missing_required_members_and_out_of_range_maps_are_all_reported()
    {
        var r = new RequestReader();

        ShapeReaders.ReadCreateReplicationSetInput(r, Input(body: """{"regions":{"a":{},"b":{},"c":{},"d":{}}}"""));

        Assert.Contains(r.Errors, e => e.Name == "regions" && e.Message.Contains("less than or equal to 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"arn":"ARN","actions":[{}]}""")]
    [InlineData("""{"arn":"ARN","actions":[{"addRegionAction":{"regionName":"eu-west-1"},"deleteRegionAction":{"regionName":"us-east-1"}}]}""")]
    public void a_union_sets_exactly_one_member(string body)
    {
        var r = new RequestReader();

        ShapeReaders.ReadUpdateReplicationSetInput(r, Input(body: body.Replace("ARN", Arn, StringComparison.Ordinal)));

        var error = Assert.Single(r.Errors);
        Assert.Equal("actions.1.member", error.Name);
        Assert.Contains("exactly one of [addRegionAction, deleteRegionAction]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_wrong_json_type_is_a_type_error()
    {
        var r = new RequestReader();

        ShapeReaders.ReadUpdateDeletionProtectionInput(r, Input(body: $$"""{"arn":"{{Arn}}","deletionProtected":"yes"}"""));

        Assert.True(r.HasTypeErrors);
        Assert.Equal("deletionProtected", Assert.Single(r.Errors).Name);
    }

    [Fact]
    public void a_body_that_is_not_an_object_cannot_be_parsed()
    {
        var e = Assert.Throws<ValidationException>(() => RestJsonFraming.ParseBody("[1]"u8.ToArray()));

        Assert.Equal(ValidationException.CannotParse, e.Reason);
    }

    [Fact]
    public void the_fingerprint_ignores_the_token_and_paging_but_not_the_query()
    {
        var create = RestJsonFraming.Router.Match("POST", "/createReplicationSet")!;
        var get = RestJsonFraming.Router.Match("GET", "/getReplicationSet")!;
        using var a = JsonDocument.Parse("""{"regions":{"us-east-1":{}},"clientToken":"1"}""");
        using var b = JsonDocument.Parse("""{"clientToken":"2","regions":{"us-east-1":{}}}""");
        using var empty = JsonDocument.Parse("{}");

        Assert.Equal(RestJsonFraming.Fingerprint(create, a.RootElement, RestQuery.Parse("")), RestJsonFraming.Fingerprint(create, b.RootElement, RestQuery.Parse("")));
        Assert.NotEqual(RestJsonFraming.Fingerprint(get, empty.RootElement, RestQuery.Parse("arn=a")), RestJsonFraming.Fingerprint(get, empty.RootElement, RestQuery.Parse("arn=b")));
    }
}
