using System.Text;
using System.Xml.Linq;
using Callout.Protocol.Query;
using Xunit;

namespace Callout.Tests.Query;

public sealed class QueryFramingTests
{
    const string Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    [Fact]
    public void a_result_is_the_action_response_with_its_members_and_request_id()
    {
        var xml = Encoding.UTF8.GetString(QueryFraming.Result("GetCallerIdentity", Sts,
            [new("Arn", "arn:aws:iam::111122223333:root"), new("UserId", "111122223333"), new("Account", "111122223333")],
            "rid-1"));

        Assert.Equal(
            """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:root</Arn><UserId>111122223333</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>""",
            xml);
    }

    [Fact]
    public void an_error_is_an_error_response_with_type_code_message_and_request_id()
    {
        var xml = Encoding.UTF8.GetString(QueryFraming.Error(QueryErrors.MissingAction(), Sts, "rid-2"));

        Assert.Equal(
            """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>MissingAction</Code><Message>The request must contain the parameter Action.</Message></Error><RequestId>rid-2</RequestId></ErrorResponse>""",
            xml);
    }

    [Fact]
    public void a_server_fault_is_the_receivers()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(QueryFraming.Error(QueryErrors.InternalFailure("r"), Sts, "r")));

        Assert.Equal("Receiver", xml.Descendants(XName.Get("Type", Sts)).Single().Value);
    }

    [Fact]
    public void echoed_text_that_xml_cannot_hold_still_makes_a_well_formed_document()
    {
        var action = "<Get>&\0\u0001\uD800x\uD83D\uDE00";
        var bytes = QueryFraming.Error(QueryErrors.InvalidAction(action, "2011-06-15"), Sts, "r");

        var message = XDocument.Parse(Encoding.UTF8.GetString(bytes)).Descendants(XName.Get("Message", Sts)).Single().Value;
        Assert.Equal("Could not find operation <Get>&\uFFFD\uFFFD\uFFFDx\uD83D\uDE00 for version 2011-06-15.", message);
    }
}
