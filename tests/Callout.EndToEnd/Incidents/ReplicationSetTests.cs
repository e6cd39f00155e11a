using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Incidents;

/// The replication set operations of the SSM Incidents API over its rest-json framing
/// (docs/spec/incidents.md §1–2), on the same port as ssm-contacts.
public sealed class ReplicationSetTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    IncidentsClient NewClient(string region = "us-east-1") => IncidentsClient.ForNewAccount(fixture.Server.Endpoint, region);

    static string Q(string arn) => Uri.EscapeDataString(arn);

    [Fact]
    public async Task a_created_set_has_a_regionless_arn_and_is_active_at_once()
    {
        var client = NewClient();

        var response = await client.PostAsync("/createReplicationSet",
            """{"regions":{"us-east-1":{},"eu-west-1":{"sseKmsKeyId":"arn:aws:kms:eu-west-1:111122223333:key/k"}}}""");

        Assert.Equal(201, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.NotNull(response.RequestId);
        var arn = response.Json.GetProperty("arn").GetString()!;
        Assert.Matches($"^arn:aws:ssm-incidents::{client.Account}:replication-set/[0-9a-f-]{{36}}$", arn);
        var set = await client.GetReplicationSetAsync(arn);
        Assert.Equal("ACTIVE", set.GetProperty("status").GetString());
        Assert.Equal(arn, set.GetProperty("arn").GetString());
        Assert.False(set.GetProperty("deletionProtected").GetBoolean());
        Assert.Equal($"arn:aws:iam::{client.Account}:root", set.GetProperty("createdBy").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, set.GetProperty("createdTime").ValueKind);
        var regions = set.GetProperty("regionMap");
        Assert.Equal("arn:aws:kms:eu-west-1:111122223333:key/k", regions.GetProperty("eu-west-1").GetProperty("sseKmsKeyId").GetString());
        Assert.Equal("DefaultKey", regions.GetProperty("us-east-1").GetProperty("sseKmsKeyId").GetString());
        Assert.Equal("ACTIVE", regions.GetProperty("us-east-1").GetProperty("status").GetString());
    }

    [Fact]
    public async Task an_account_has_one_set_seen_from_every_region_and_a_second_is_a_conflict()
    {
        var client = NewClient();
        var arn = await client.CreateReplicationSetAsync();

        var second = await client.InRegion("eu-west-1").PostAsync("/createReplicationSet", """{"regions":{"eu-west-1":{}}}""");

        Assert.Equal(409, second.Status);
        Assert.Equal("ConflictException", second.ErrorType);
        Assert.Equal(arn, second.Json.GetProperty("resourceIdentifier").GetString());
        Assert.Equal("REPLICATION_SET", second.Json.GetProperty("resourceType").GetString());
        Assert.Contains("already has a replication set", second.Message, StringComparison.Ordinal);
        Assert.Equal(arn, (await client.InRegion("ap-south-1").GetReplicationSetAsync(arn)).GetProperty("arn").GetString());
        var listed = await client.InRegion("eu-west-1").PostAsync("/listReplicationSets", "{}");
        Assert.Equal([arn], listed.Json.GetProperty("replicationSetArns").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task another_account_neither_sees_nor_reaches_the_set()
    {
        var owner = NewClient();
        var arn = await owner.CreateReplicationSetAsync();
        var stranger = NewClient();

        var get = await stranger.GetAsync("/getReplicationSet?arn=" + Q(arn));
        var delete = await stranger.PostAsync("/deleteReplicationSet?arn=" + Q(arn), "");
        var list = await stranger.PostAsync("/listReplicationSets", "{}");

        Assert.Equal((404, "ResourceNotFoundException"), (get.Status, get.ErrorType));
        Assert.Equal(arn, get.Json.GetProperty("resourceIdentifier").GetString());
        Assert.Equal(404, delete.Status);
        Assert.Empty(list.Json.GetProperty("replicationSetArns").EnumerateArray());
        await owner.GetReplicationSetAsync(arn);
    }

    [Fact]
    public async Task regions_are_added_and_deleted_with_204_and_no_body()
    {
        var client = NewClient();
        var arn = await client.CreateReplicationSetAsync();

        var add = await client.PostAsync("/updateReplicationSet",
            $$$"""{"arn":"{{{arn}}}","actions":[{"addRegionAction":{"regionName":"eu-west-1","sseKmsKeyId":"key"}}]}""");
        Assert.Equal(204, add.Status);
        Assert.Empty(add.Body);
        Assert.NotNull(add.RequestId);
        var remove = await client.PostAsync("/updateReplicationSet",
            $$$"""{"arn":"{{{arn}}}","actions":[{"deleteRegionAction":{"regionName":"us-east-1"}}]}""");
        Assert.Equal(204, remove.Status);

        var regions = (await client.GetReplicationSetAsync(arn)).GetProperty("regionMap");
        Assert.Equal(["eu-west-1"], regions.EnumerateObject().Select(p => p.Name));
        Assert.Equal("key", regions.GetProperty("eu-west-1").GetProperty("sseKmsKeyId").GetString());
    }

    [Fact]
    public async Task the_last_region_stays_and_a_protected_set_cannot_be_deleted()
    {
        var client = NewClient();
        var arn = await client.CreateReplicationSetAsync();
        Assert.Equal(204, (await client.PostAsync("/updateDeletionProtection", $$"""{"arn":"{{arn}}","deletionProtected":true}""")).Status);

        var lastRegion = await client.PostAsync("/updateReplicationSet",
            $$$"""{"arn":"{{{arn}}}","actions":[{"deleteRegionAction":{"regionName":"us-east-1"}}]}""");
        var delete = await client.PostAsync("/deleteReplicationSet?arn=" + Q(arn), "");

        Assert.Equal((400, "ValidationException"), (lastRegion.Status, lastRegion.ErrorType));
        Assert.Contains("last region", lastRegion.Message, StringComparison.Ordinal);
        Assert.Equal((400, "ValidationException"), (delete.Status, delete.ErrorType));
        Assert.Contains("protected from deletion", delete.Message, StringComparison.Ordinal);
        Assert.True((await client.GetReplicationSetAsync(arn)).GetProperty("deletionProtected").GetBoolean());

        Assert.Equal(204, (await client.PostAsync("/updateDeletionProtection", $$"""{"arn":"{{arn}}","deletionProtected":false}""")).Status);
        var deleted = await client.PostAsync("/deleteReplicationSet?arn=" + Q(arn), "");
        Assert.Equal(204, deleted.Status);
        var gone = await client.GetAsync("/getReplicationSet?arn=" + Q(arn));
        Assert.Equal((404, "ResourceNotFoundException"), (gone.Status, gone.ErrorType));
        await client.CreateReplicationSetAsync();
    }

    [Fact]
    public async Task a_client_token_replays_the_create_and_refuses_a_different_request()
    {
        var client = NewClient();
        const string Body = """{"regions":{"us-east-1":{}},"clientToken":"token-1"}""";

        var first = await client.PostAsync("/createReplicationSet", Body);
        var retry = await client.PostAsync("/createReplicationSet", Body);
        var other = await client.PostAsync("/createReplicationSet", """{"regions":{"eu-west-1":{}},"clientToken":"token-1"}""");

        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Json.GetProperty("arn").GetString(), retry.Json.GetProperty("arn").GetString());
        Assert.Equal((409, "ConflictException"), (other.Status, other.ErrorType));
    }

    [Fact]
    public async Task a_forged_or_altered_next_token_is_refused()
    {
        var client = NewClient();
        await client.CreateReplicationSetAsync();

        var forged = await client.PostAsync("/listReplicationSets", """{"nextToken":"AAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""");

        Assert.Equal((400, "ValidationException"), (forged.Status, forged.ErrorType));
        Assert.Contains("NextToken", forged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/getReplicationSet", null, "arn")] // the query-bound member is missing
    [InlineData("GET", "/getReplicationSet?arn=nope", null, "regular expression")]
    [InlineData("POST", "/createReplicationSet", """{"regions":{}}""", "greater than or equal to 1")]
    [InlineData("POST", "/createReplicationSet", """{"regions":[1]}""", "regions")]
    [InlineData("POST", "/createReplicationSet", "{not json", "not valid JSON")]
    [InlineData("POST", "/createReplicationSet", "[]", "JSON object")]
    [InlineData("POST", "/updateReplicationSet", """{"arn":"arn:aws:ssm-incidents::1:replication-set/x","actions":[{}]}""", "exactly one of")]
    [InlineData("POST", "/updateDeletionProtection", """{"arn":"arn:aws:ssm-incidents::1:replication-set/x","deletionProtected":"yes"}""", "deletionProtected")]
    public async Task bad_input_is_a_validation_exception_with_a_reason(string method, string path, string? body, string reason)
    {
        var response = await NewClient().SendAsync(method, path, body);

        Assert.True(response.Status == 400, response.Text);
        Assert.Equal("ValidationException", response.ErrorType);
        Assert.Equal("ValidationException", response.Json.GetProperty("__type").GetString());
        Assert.Contains(reason, response.Message, StringComparison.Ordinal);
    }

    // Every operation of the model now has a handler, so the 501 an unserved one would answer
    // cannot be reached; this checks that none is left answering it.
    [Fact]
    public async Task every_operation_of_the_model_is_served()
    {
        var modelPath = Path.Combine(Path.GetDirectoryName(Paths.ModelPath)!, "..", "ssm-incidents", "model.json");
        using var model = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(modelPath));
        var client = NewClient();
        var unserved = new List<string>();
        foreach (var operation in model.RootElement.GetProperty("operations").EnumerateObject())
        {
            var http = operation.Value.GetProperty("http");
            var path = System.Text.RegularExpressions.Regex.Replace(http.GetProperty("requestUri").GetString()!, @"\{[^}]+\}", "x");
            var method = http.GetProperty("method").GetString()!;
            var response = await client.SendAsync(method, path, method == "GET" ? null : "{}");
            if (response.Status == 501 || response.ErrorType == "NotImplemented")
            {
                unserved.Add(operation.Name);
            }
        }

        Assert.Empty(unserved);
        Assert.Equal(31, model.RootElement.GetProperty("operations").EnumerateObject().Count());
    }

    [Fact]
    public async Task ssm_contacts_keeps_every_request_with_a_target_whatever_its_path()
    {
        var client = NewClient();

        var response = await client.SendAsync("POST", "/createReplicationSet", """{"regions":{"us-east-1":{}}}""", "SSMContacts.ListContacts");

        Assert.Equal(200, response.Status);
        Assert.True(response.Json.TryGetProperty("Contacts", out _), response.Text);
    }

    [Fact]
    public async Task changes_to_the_set_and_a_refused_one_are_in_the_audit_log()
    {
        var client = NewClient();
        var created = await client.PostAsync("/createReplicationSet", """{"regions":{"us-east-1":{}}}""");
        var arn = created.Json.GetProperty("arn").GetString()!;
        var refused = await client.PostAsync("/createReplicationSet", """{"regions":{"eu-west-1":{}}}""");
        await client.GetReplicationSetAsync(arn);

        var listed = await new ApiClient(fixture.Server.Endpoint, client.Account)
            .SendAsync("Callout.ListAuditEvents", """{"Operation":"CreateReplicationSet"}"""u8.ToArray());

        Assert.True(listed.Status == 200, listed.Text);
        var events = listed.Json.GetProperty("AuditEvents").EnumerateArray().ToList();
        var success = Assert.Single(events, e => e.GetProperty("RequestId").GetString() == created.RequestId);
        Assert.Equal("Success", success.GetProperty("Outcome").GetString());
        Assert.Equal(arn, success.GetProperty("ResourceArn").GetString());
        var conflict = Assert.Single(events, e => e.GetProperty("RequestId").GetString() == refused.RequestId);
        Assert.Equal("ConflictException", conflict.GetProperty("Outcome").GetString());
        Assert.Equal(2, events.Count);
    }
}
