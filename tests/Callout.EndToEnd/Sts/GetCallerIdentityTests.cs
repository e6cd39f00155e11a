using System.Text;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Sts;

/// STS GetCallerIdentity under `--auth off`: the account comes from the access key as for the
/// SSM Contacts API (docs/spec/protocol.md §5), and the answer is the account's root (docs/decisions.md).
public sealed class GetCallerIdentityTests : IAsyncLifetime
{
    const string ConfiguredKey = "AKIACALLOUTSTS01";
    const string ConfiguredAccount = "333344445555";
    const string DefaultAccount = "777788889999";

    ServerProcess _server = null!;

    Uri Endpoint => _server.Endpoint;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(
        extraArgs: ["--credentials", $"{ConfiguredKey}:secret:{ConfiguredAccount}", "--default-account", DefaultAccount,
            "--regions", "aws,aws-cn,aws-us-gov"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    static void AssertRoot(StsCalls.StsResponse response, string account, string partition = "aws")
    {
        Assert.True(response.Status == 200, response.Text);
        Assert.Equal("text/xml", response.ContentType);
        Assert.Equal("GetCallerIdentityResponse", response.RootName);
        Assert.Equal(account, response.Result("Account"));
        Assert.Equal(account, response.Result("UserId"));
        Assert.Equal($"arn:{partition}:iam::{account}:root", response.Result("Arn"));
        Assert.Equal(response.RequestId, response.BodyRequestId);
    }

    static void AssertError(StsCalls.StsResponse response, string code, int status = 400)
    {
        Assert.True(response.Status == status, $"{response.Status}: {response.Text}");
        Assert.Equal("text/xml", response.ContentType);
        Assert.Equal("ErrorResponse", response.RootName);
        Assert.Equal(code, response.ErrorCode);
        Assert.Equal("Sender", response.ErrorType);
        Assert.Equal(response.RequestId, response.BodyRequestId);
    }

    [Fact]
    public async Task a_twelve_digit_access_key_is_the_account() =>
        AssertRoot(await StsCalls.PostAsync(Endpoint, StsCalls.Form, "210987654321"), "210987654321");

    [Fact]
    public async Task a_configured_key_answers_with_its_account() =>
        AssertRoot(await StsCalls.PostAsync(Endpoint, StsCalls.Form, ConfiguredKey), ConfiguredAccount);

    [Fact]
    public async Task any_other_key_or_no_signature_is_the_default_account()
    {
        AssertRoot(await StsCalls.PostAsync(Endpoint, StsCalls.Form, "AKIAUNKNOWN"), DefaultAccount);
        AssertRoot(await StsCalls.PostAsync(Endpoint, StsCalls.Form), DefaultAccount);
    }

    [Fact]
    public async Task the_arn_carries_the_partition_of_the_signed_region() =>
        AssertRoot(await StsCalls.PostAsync(Endpoint, StsCalls.Form, "210987654321", "cn-north-1"), "210987654321", "aws-cn");

    [Fact]
    public async Task the_same_account_owns_the_contacts_that_key_creates()
    {
        var client = ApiClient.ForNewAccount(Endpoint);
        await client.OkAsync("CreateContact", """{"Alias":"sts-owner","Type":"PERSONAL","Plan":{"Stages":[]}}""");

        AssertRoot(await StsCalls.PostAsync(Endpoint, StsCalls.Form, client.Account), client.Account);
    }

    [Fact]
    public async Task a_get_with_the_parameters_in_its_query_string_is_answered_too() =>
        AssertRoot(await StsCalls.GetAsync(Endpoint, StsCalls.Form, "210987654321"), "210987654321");

    [Fact]
    public async Task any_path_is_answered_as_the_api_is()
    {
        AssertRoot(await StsCalls.PostAsync(new Uri(Endpoint, "some/prefix"), StsCalls.Form, "210987654321"), "210987654321");
    }

    [Theory]
    [InlineData("Action=AssumeRole&Version=2011-06-15", "InvalidAction")]
    [InlineData("Action=getcalleridentity&Version=2011-06-15", "InvalidAction")]
    [InlineData("Action=GetCallerIdentity&Version=2010-05-08", "InvalidAction")]
    [InlineData("Action=GetCallerIdentity", "MissingParameter")]
    [InlineData("Action=&Version=2011-06-15", "MissingAction")]
    public async Task an_unknown_action_or_version_is_refused(string form, string code) =>
        AssertError(await StsCalls.PostAsync(Endpoint, form, "210987654321"), code);

    [Fact]
    public async Task an_unknown_action_is_named_in_the_message()
    {
        var response = await StsCalls.PostAsync(Endpoint, "Action=Frobnicate&Version=2011-06-15");
        AssertError(response, "InvalidAction");
        Assert.Equal("Could not find operation Frobnicate for version 2011-06-15.", response.ErrorMessage);
    }

    [Theory]
    [InlineData("Action=GetCallerIdentity&Action=GetCallerIdentity&Version=2011-06-15", "InvalidQueryParameter")]
    [InlineData("Action=GetCallerIdentity&Version=2011-06-15&Version=2011-06-15", "InvalidQueryParameter")]
    [InlineData("Action=GetCallerIdentity&Version=%zz", "MalformedQueryString")]
    [InlineData("Action=GetCallerIdentity&Version=2011-06-15&x=%", "MalformedQueryString")]
    [InlineData("Action=GetCallerIdentity&Version=%FF%FE", "MalformedQueryString")]
    [InlineData("Action=%00%01%ED%A0%80&Version=2011-06-15", "MalformedQueryString")]
    [InlineData("Action=%00%01&Version=2011-06-15", "InvalidAction")]
    public async Task a_malformed_form_is_a_400_xml_error(string form, string code) =>
        AssertError(await StsCalls.PostAsync(Endpoint, form, "210987654321"), code);

    [Fact]
    public async Task raw_bytes_that_are_not_utf8_are_a_400_xml_error()
    {
        var body = Encoding.ASCII.GetBytes(StsCalls.Form + "&x=").Concat(new byte[] { 0xC0, 0xAF, 0xFF }).ToArray();
        AssertError(await StsCalls.PostAsync(Endpoint, body, "210987654321"), "MalformedQueryString");
    }

    [Fact]
    public async Task a_repeated_action_in_query_string_and_body_is_a_400_xml_error() =>
        AssertError(await StsCalls.PostAsync(new Uri(Endpoint, "?Action=GetCallerIdentity"), StsCalls.Form, "210987654321"), "InvalidQueryParameter");

    [Fact]
    public async Task a_body_over_the_limit_is_a_400_xml_error_whether_declared_or_streamed()
    {
        var body = Encoding.ASCII.GetBytes(StsCalls.Form + "&Padding=" + new string('a', 5 * 1024 * 1024));
        AssertError(await StsCalls.PostAsync(Endpoint, body, "210987654321"), "ValidationError");
        AssertError(await StsCalls.PostAsync(Endpoint, body, "210987654321",
            adjust: r => r.Headers.TransferEncodingChunked = true),
            "ValidationError");
    }

    [Fact]
    public async Task random_forms_get_an_xml_answer_and_never_a_server_error()
    {
        var rng = new Random(20261206);
        const string Alphabet = "Action=GetCallerIdentity&Version=2011-06-15%+=&%C3%A9%ZZ%0";
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[rng.Next(0, 80)];
            for (var j = 0; j < bytes.Length; j++)
            {
                bytes[j] = rng.Next(3) == 0 ? (byte)rng.Next(256) : (byte)Alphabet[rng.Next(Alphabet.Length)];
            }
            var body = Encoding.ASCII.GetBytes("Action=").Concat(bytes).ToArray();
            var response = await StsCalls.PostAsync(Endpoint, body, "210987654321");
            Assert.True(response.Status is 200 or 400, $"{response.Status} for {Convert.ToHexString(body)}: {response.Text}");
            Assert.Equal("text/xml", response.ContentType);
            Assert.True(response.RootName is "GetCallerIdentityResponse" or "ErrorResponse", response.Text);
        }
    }

    [Fact]
    public async Task a_form_post_that_names_no_action_is_still_the_json_apis_unknown_operation()
    {
        var response = await StsCalls.PostAsync(Endpoint, """{"Alias":"x"}""", "210987654321");
        Assert.Equal(400, response.Status);
        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.Contains("UnknownOperationException", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_json_request_with_a_target_is_never_taken_for_sts()
    {
        var client = ApiClient.ForNewAccount(Endpoint);
        var response = await client.SendAsync("SSMContacts.ListContacts", Encoding.UTF8.GetBytes(StsCalls.Form),
            contentType: "application/x-www-form-urlencoded");
        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.Equal("ValidationException", response.ErrorType);
    }

    [Fact]
    public async Task callouts_own_get_endpoints_keep_their_paths()
    {
        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri(Endpoint, "health?" + StsCalls.Form));
        Assert.StartsWith("""{"status":"ok",""", health);
        Assert.DoesNotContain("GetCallerIdentity", health);
    }
}
