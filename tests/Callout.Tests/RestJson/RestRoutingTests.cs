using Callout.Protocol.RestJson;
using Xunit;

namespace Callout.Tests.RestJson;

public sealed class RestRoutingTests
{
    static readonly RestRouter Router = RestJsonFraming.Router;

    [Theory]
    [InlineData("POST", "/createReplicationSet", "CreateReplicationSet")]
    [InlineData("GET", "/getReplicationSet?arn=x", "GetReplicationSet")]
    [InlineData("POST", "/listReplicationSets", "ListReplicationSets")]
    [InlineData("POST", "/updateDeletionProtection", "UpdateDeletionProtection")]
    [InlineData("GET", "/tags/arn", "ListTagsForResource")]
    [InlineData("POST", "/tags/arn", "TagResource")]
    [InlineData("DELETE", "/tags/arn?tagKeys=a", "UntagResource")]
    public void method_and_path_pick_the_operation(string method, string path, string operation) =>
        Assert.Equal(operation, Router.Match(method, path)?.Operation.Descriptor.Name);

    [Theory]
    [InlineData("GET", "/createReplicationSet")] // the right path with another method is not this API's
    [InlineData("POST", "/")] // ssm-contacts' JSON 1.1 and Callout's own calls
    [InlineData("POST", "/createReplicationSet/extra")]
    [InlineData("GET", "/tags/")] // an empty label matches nothing
    [InlineData("GET", "/tags")]
    [InlineData("POST", "/CreateReplicationSet")] // paths are case-sensitive
    [InlineData("GET", "/_callout/health")]
    public void anything_else_is_left_to_the_other_endpoints(string method, string path) =>
        Assert.Null(Router.Match(method, path));

    [Fact]
    public void a_percent_encoded_arn_label_is_one_segment_decoded_slashes_and_all()
    {
        var match = Router.Match("GET", "/tags/arn%3Aaws%3Assm-incidents%3A%3A111122223333%3Aresponse-plan%2Fweb");

        Assert.Equal("ListTagsForResource", match?.Operation.Descriptor.Name);
        Assert.Equal("arn:aws:ssm-incidents::111122223333:response-plan/web", match!.Labels["resourceArn"]);
    }

    [Fact]
    public void a_greedy_label_takes_the_rest_of_the_path()
    {
        var route = RestRoute.Parse("/objects/{key+}");

        Assert.Equal("a/b/c", route.Match(["objects", "a", "b", "c"])?["key"]);
        Assert.Null(route.Match(["objects"]));
    }

    [Fact]
    public void query_values_are_decoded_and_repeated_keys_keep_every_value()
    {
        var query = RestQuery.Parse("?tagKeys=a%20b&tagKeys=c&arn=arn%3Aaws%2Bx&flag");

        Assert.Equal(["a b", "c"], query["tagKeys"]);
        Assert.Equal(["arn:aws+x"], query["arn"]);
        Assert.Equal([""], query["flag"]);
    }

    [Fact]
    public void success_codes_come_from_the_model()
    {
        Assert.Equal(201, Router.Match("POST", "/createReplicationSet")!.Operation.SuccessCode);
        Assert.Equal(204, Router.Match("POST", "/deleteReplicationSet")!.Operation.SuccessCode);
        Assert.False(Router.Match("POST", "/updateReplicationSet")!.Operation.HasBody);
        Assert.Equal(200, Router.Match("POST", "/deleteResourcePolicy")!.Operation.SuccessCode);
    }
}
