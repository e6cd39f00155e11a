using Callout.Protocol.Auth;
using Xunit;

namespace Callout.Tests.Auth;

public sealed class CanonicalRequestTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/contacts/a%20b", "/contacts/a%2520b")] // botocore: quote("/contacts/a%20b")
    [InlineData("/a~b-c_d.e", "/a~b-c_d.e")]
    [InlineData("/%C3%A9", "/%25C3%25A9")]
    // botocore's and the JS SDK's ssm-incidents tag paths: the ARN label is one segment, its ':' and '/' encoded.
    [InlineData("/tags/arn%3Aaws%3Assm-incidents%3A%3A111122223333%3Aresponse-plan%2Fp",
        "/tags/arn%253Aaws%253Assm-incidents%253A%253A111122223333%253Aresponse-plan%252Fp")]
    // What a client left unencoded is encoded once, as it signed it.
    [InlineData("/tags/arn:aws", "/tags/arn%3Aaws")]
    // Empty and dot segments go, as botocore's remove_dot_segments and the JS SDK drop them.
    [InlineData("/a/./b/../c//d/", "/a/c/d/")]
    [InlineData("/..", "/")]
    public void each_path_segment_as_sent_is_encoded_once_more(string path, string expected)
    {
        Assert.Equal(expected, CanonicalRequest.EncodePath(path));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("?", "")]
    [InlineData("?z=1&a=x%20y", "a=x%20y&z=1")]
    [InlineData("b=2&a=2&a=1", "a=1&a=2&b=2")]
    [InlineData("?flag", "flag=")]
    [InlineData("?k=a+b*", "k=a%2Bb%2A")]
    public void query_is_sorted_by_name_then_value_and_rfc3986_encoded(string query, string expected)
    {
        Assert.Equal(expected, CanonicalRequest.EncodeQuery(query));
    }

    [Fact]
    public void repeated_headers_are_joined_with_commas_and_whitespace_collapsed()
    {
        var request = new SignedRequest("post", "/", "",
            [new("X-A", " one  two "), new("Host", "h"), new("x-a", "\tthree\t")], "{}"u8.ToArray());

        Assert.Equal(
            "POST\n/\n\nhost:h\nx-a:one two,three\n\nhost;x-a\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            CanonicalRequest.Build(request, "host;x-a"));
    }
}
