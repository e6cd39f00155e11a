using System.Text;
using Callout.Protocol.Query;
using Xunit;

namespace Callout.Tests.Query;

public sealed class QueryParametersTests
{
    static QueryParameters Parse(string form) => QueryParameters.Parse(Encoding.UTF8.GetBytes(form));

    static QueryException Fails(string form, string code)
    {
        var e = Assert.Throws<QueryException>(() => Parse(form));
        Assert.Equal(code, e.Code);
        Assert.Equal(400, e.StatusCode);
        return e;
    }

    [Fact]
    public void a_form_as_botocore_sends_it_reads_back()
    {
        var p = Parse("Action=GetCallerIdentity&Version=2011-06-15");

        Assert.Equal("GetCallerIdentity", p["Action"]);
        Assert.Equal("2011-06-15", p["Version"]);
        Assert.Null(p["Other"]);
    }

    [Fact]
    public void escapes_plus_signs_and_utf8_decode()
    {
        var p = Parse("a=x+y%2Bz&b=%C3%A9t%c3%a9&c&&d=");

        Assert.Equal("x y+z", p["a"]);
        Assert.Equal("été", p["b"]);
        Assert.Equal("", p["c"]);
        Assert.Equal("", p["d"]);
    }

    [Fact]
    public void query_string_and_body_are_read_together()
    {
        var p = QueryParameters.Parse("Action=GetCallerIdentity"u8.ToArray(), "Version=2011-06-15"u8.ToArray());

        Assert.Equal("GetCallerIdentity", p["Action"]);
        Assert.Equal("2011-06-15", p["Version"]);
    }

    [Theory]
    [InlineData("Action=GetCallerIdentity&Action=GetCallerIdentity")]
    [InlineData("Action=GetCallerIdentity&Act%69on=Other")] // the same name once decoded
    public void a_repeated_parameter_is_refused(string form) =>
        Assert.Contains("Action", Fails(form, "InvalidQueryParameter").Message, StringComparison.Ordinal);

    [Fact]
    public void a_parameter_repeated_across_query_and_body_is_refused()
    {
        var e = Assert.Throws<QueryException>(() => QueryParameters.Parse("Action=A"u8.ToArray(), "Action=B"u8.ToArray()));
        Assert.Equal("InvalidQueryParameter", e.Code);
    }

    [Theory]
    [InlineData("Action=%")]
    [InlineData("Action=%4")]
    [InlineData("Action=%zz")]
    [InlineData("Act%g1on=x")]
    [InlineData("Action=%C3")] // a lone UTF-8 lead byte
    [InlineData("Action=%FF%FE")]
    [InlineData("Action=%ED%A0%80")] // an encoded surrogate is not UTF-8
    public void bad_escapes_and_bytes_that_are_not_utf8_are_malformed(string form) =>
        Fails(form, "MalformedQueryString");

    [Fact]
    public void raw_bytes_that_are_not_utf8_are_malformed()
    {
        var e = Assert.Throws<QueryException>(() => QueryParameters.Parse(new byte[] { (byte)'A', (byte)'=', 0xC0, 0x80 }));
        Assert.Equal("MalformedQueryString", e.Code);
    }

    [Theory]
    [InlineData("Action=GetCallerIdentity", true)]
    [InlineData("Version=1&Action=", true)]
    [InlineData("Action", true)]
    [InlineData("""{"Action":"GetCallerIdentity"}""", false)]
    [InlineData("action=GetCallerIdentity", false)]
    [InlineData("Actions=x&XAction=y", false)]
    [InlineData("", false)]
    public void names_action_sees_only_a_parameter_called_action(string form, bool expected) =>
        Assert.Equal(expected, QueryParameters.NamesAction(Encoding.UTF8.GetBytes(form)));
}
