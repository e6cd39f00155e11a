using System.Text;
using System.Text.Json;
using Callout.Protocol.RestJson;
using Callout.Protocol.Validation;
using Xunit;
using IncidentReaders = Callout.Protocol.Incidents.ShapeReaders;

namespace Callout.Tests.Validation;

/// No string of a request may hold U+0000: PostgreSQL's text cannot store it, so it would fail
/// there as a 500 after passing every check, and SQLite would keep it. Both APIs refuse it where
/// the value is read, whatever member, map key, path label or query value carries it.
public sealed class NulCharacterTests
{
    static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    static RestInput Input(string body = "{}", string query = "", Dictionary<string, string>? labels = null)
    {
        var doc = RestJsonFraming.ParseBody(Encoding.UTF8.GetBytes(body));
        return new RestInput(doc.RootElement, labels ?? [], RestQuery.Parse(query), _ => null);
    }

    [Fact]
    public void a_json_1_1_string_member_holding_nul_is_refused_naming_the_member()
    {
        var r = new RequestReader();

        ShapeReaders.ReadStartEngagementRequest(r, Json("""
            {"ContactId":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/a","Sender":"s","Subject":"a\u0000b","Content":"c"}
            """), "");

        var error = Assert.Single(r.Errors);
        Assert.Equal("subject", error.Name, ignoreCase: true);
        Assert.Contains("U+0000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_rest_json_body_string_and_a_map_key_holding_nul_are_refused()
    {
        var r = new RequestReader();

        IncidentReaders.ReadCreateResponsePlanInput(r, Input("""
            {"name":"p","incidentTemplate":{"title":"t\u0000","impact":3},"tags":{"k\u0000":"v"}}
            """));

        Assert.Equal(2, r.Errors.Count(e => e.Message.Contains("U+0000", StringComparison.Ordinal)));
    }

    [Fact]
    public void a_query_value_and_a_path_label_holding_nul_are_refused()
    {
        var query = new RequestReader();
        IncidentReaders.ReadGetIncidentRecordInput(query, Input(query: "arn=arn%3Aaws%3Assm-incidents%3A%3A111122223333%3Aincident-record%2Fp%2Fa%00"));
        var label = new RequestReader();
        IncidentReaders.ReadListTagsForResourceRequest(label, Input(labels: new() { ["resourceArn"] = "arn:aws:ssm-incidents::111122223333:response-plan/p\0" }));
        var list = new RequestReader();
        IncidentReaders.ReadUntagResourceRequest(list, Input(query: "tagKeys=a%00&tagKeys=b",
            labels: new() { ["resourceArn"] = "arn:aws:ssm-incidents::111122223333:response-plan/p" }));

        Assert.Contains(query.Errors, e => e.Name == "arn" && e.Message.Contains("U+0000", StringComparison.Ordinal));
        Assert.Contains(label.Errors, e => e.Name == "resourceArn" && e.Message.Contains("U+0000", StringComparison.Ordinal));
        Assert.Contains(list.Errors, e => e.Message.Contains("U+0000", StringComparison.Ordinal));
    }

    [Fact]
    public void other_control_characters_are_kept()
    {
        var r = new RequestReader();

        var text = r.ReadString(Json("\"a\\u0001\\t\\u001fb\""), "title");

        Assert.Empty(r.Errors);
        Assert.Equal("a\u0001\t\u001fb", text);
    }
}
