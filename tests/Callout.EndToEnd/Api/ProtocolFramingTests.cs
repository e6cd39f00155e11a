using System.Text;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

/// docs/spec/protocol.md §1–3: what every response looks like, success or error.
public sealed class ProtocolFramingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task a_successful_call_has_the_json_content_type_and_a_request_id()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("ListContacts", "{}");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.True(Guid.TryParse(response.RequestId, out _));
        Assert.Equal("""{"Contacts":[]}""", response.Text);
    }

    [Fact]
    public async Task every_call_has_a_request_id_of_its_own_shaped_as_a_random_uuid()
    {
        var client = fixture.NewClient();
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await client.CallAsync("ListContacts", "{}")).RequestId!);
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id));
    }

    [Fact]
    public async Task an_empty_output_is_an_empty_object()
    {
        var client = fixture.NewClient();
        await client.OkAsync("CreateContact", """{"Alias":"a","Type":"PERSONAL","Plan":{"Stages":[]}}""");
        var response = await client.CallAsync("UpdateContact", $$"""{"ContactId":"{{client.Arn("contact/a")}}","DisplayName":"A"}""");
        Assert.Equal("{}", response.Text);
    }

    [Fact]
    public async Task an_error_names_its_type_in_the_body_and_the_header()
    {
        var client = fixture.NewClient();
        var response = await client.CallAsync("GetContact", $$"""{"ContactId":"{{client.Arn("contact/nobody")}}"}""");
        Assert.Equal(400, response.Status);
        Assert.Equal("ResourceNotFoundException", response.ErrorType);
        Assert.Equal("ResourceNotFoundException", response.Type);
        Assert.Equal(client.Arn("contact/nobody"), response.Json.GetProperty("ResourceId").GetString());
        Assert.Equal("CONTACT", response.Json.GetProperty("ResourceType").GetString());
        Assert.Contains("not found", response.Message, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(response.RequestId, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("SSMContacts.NoSuchOperation")]
    [InlineData("OtherService.ListContacts")]
    [InlineData("Callout.NoSuchOperation")]
    [InlineData("Callout.")]
    public async Task an_unknown_target_is_an_unknown_operation(string? target)
    {
        var response = await fixture.NewClient().SendAsync(target, "{}"u8.ToArray());
        Assert.Equal(400, response.Status);
        Assert.Equal("UnknownOperationException", response.Type);
        Assert.Equal("UnknownOperationException", response.ErrorType);
        Assert.False(string.IsNullOrEmpty(response.Message));
    }

    [Fact]
    public async Task a_request_other_than_post_is_an_unknown_operation()
    {
        var response = await fixture.NewClient().SendAsync("SSMContacts.ListContacts", [], method: "GET");
        Assert.Equal(400, response.Status);
        Assert.Equal("UnknownOperationException", response.Type);
    }

    [Fact]
    public async Task a_zero_length_body_is_read_as_an_empty_object()
    {
        var response = await fixture.NewClient().SendAsync("SSMContacts.ListContacts", []);
        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"Alias\":}")]
    public async Task a_body_that_is_not_one_json_object_cannot_be_parsed(string body)
    {
        var response = await fixture.NewClient().SendAsync("SSMContacts.CreateContact", Encoding.UTF8.GetBytes(body));
        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationException", response.Type);
        Assert.Equal("CANNOT_PARSE", response.Json.GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task a_member_of_the_wrong_json_type_cannot_be_parsed()
    {
        var response = await fixture.NewClient().CallAsync("ListContacts", """{"MaxResults":"5"}""");
        Assert.Equal("ValidationException", response.Type);
        Assert.Equal("CANNOT_PARSE", response.Json.GetProperty("Reason").GetString());
        Assert.Equal("maxResults", response.Json.GetProperty("Fields")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task an_oversized_body_is_refused_with_a_validation_error()
    {
        var body = Encoding.UTF8.GetBytes("{\"Policy\":\"" + new string('x', 5 * 1024 * 1024) + "\"}");
        var response = await fixture.NewClient().SendAsync("SSMContacts.PutContactPolicy", body);
        Assert.Equal(400, response.Status);
        Assert.Equal("ValidationException", response.Type);
    }

    [Fact]
    public async Task the_health_endpoint_is_not_the_api()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(fixture.Server.Endpoint, "health"));
        Assert.Contains("ok", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task metrics_count_requests_per_operation_and_error_code()
    {
        var client = fixture.NewClient();
        await client.CallAsync("GetContact", $$"""{"ContactId":"{{client.Arn("contact/missing")}}"}""");
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(fixture.Server.Endpoint, "metrics"));
        Assert.Contains("callout_api_requests_total{operation=\"GetContact\",code=\"ResourceNotFoundException\"}", text, StringComparison.Ordinal);
        Assert.Contains("callout_api_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task metrics_publish_the_engines_and_the_runtimes_meters()
    {
        using var http = new HttpClient();
        await fixture.NewClient().CallAsync("ListContacts", "{}");
        // Meters are read into /metrics every few seconds.
        var text = "";
        for (var waited = 0; waited < 30 && !(text.Contains("callout_engine_engagements_running", StringComparison.Ordinal)
            && text.Contains("system_runtime_dotnet_gc_heap_total_allocated", StringComparison.Ordinal)); waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            text = await http.GetStringAsync(new Uri(fixture.Server.Endpoint, "metrics"));
        }

        Assert.Contains("callout_engine_engagements_running", text, StringComparison.Ordinal);
        Assert.Contains("system_runtime_dotnet_gc_heap_total_allocated", text, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total", text, StringComparison.Ordinal);
    }
}
