using System.Text.Json;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Fuzz;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Audit;

/// Every state-changing operation of the model leaves an audit record. The operations come from
/// the model itself, so an operation added to it fails here until it has a step below and the
/// step's record is found; reads leave none.
public sealed class AuditCoverageTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static readonly string[] ReadPrefixes = ["Get", "List", "Describe"];

    [Fact]
    public async Task every_state_changing_operation_of_the_model_leaves_a_success_record_naming_its_resource()
    {
        var paging = fixture.NewPaging();
        var client = paging.Client;
        var done = new Dictionary<string, (string RequestId, string Resource)>();

        async Task<JsonElement> Call(string operation, string json, string resource)
        {
            var response = await client.CallAsync(operation, json);
            Assert.True(response.Status == 200, $"{operation} failed: {response.Text}");
            done[operation] = (response.RequestId!, resource);
            return response.Json;
        }

        var alias = "audit-all";
        var contact = client.Arn("contact/" + alias);
        await Call("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}""", contact);
        var address = "audit-all@example.com";
        var channel = (await Call("CreateContactChannel", $$$"""
            {"ContactId":"{{{contact}}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"{{{address}}}"},"DeferActivation":true}
            """, "")).GetProperty("ContactChannelArn").GetString()!;
        done["CreateContactChannel"] = done["CreateContactChannel"] with { Resource = channel };
        await Call("SendActivationCode", $$$"""{"ContactChannelId":"{{{channel}}}"}""", channel);
        var code = await Outbox.LatestCodeAsync(fixture.Endpoint, client.Account, address);
        await Call("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","ActivationCode":"{{{code}}}"}""", channel);
        await Call("UpdateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}","Name":"mail box"}""", channel);
        await Call("UpdateContact", $$$"""
            {"ContactId":"{{{contact}}}","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{channel}}}","RetryIntervalInMinutes":1}}]}]}}
            """, contact);
        await Call("TagResource", $$$"""{"ResourceARN":"{{{contact}}}","Tags":[{"Key":"team","Value":"ops"}]}""", contact);
        await Call("UntagResource", $$$"""{"ResourceARN":"{{{contact}}}","TagKeys":["team"]}""", contact);
        await Call("PutContactPolicy", $$$"""{"ContactArn":"{{{contact}}}","Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"}""", contact);

        var engagement = (await Call("StartEngagement", $$$"""
            {"ContactId":"{{{contact}}}","Sender":"s","Subject":"sub","Content":"body"}
            """, "")).GetProperty("EngagementArn").GetString()!;
        done["StartEngagement"] = done["StartEngagement"] with { Resource = engagement };
        await paging.RunDueAsync();
        var page = (await paging.PagesAsync(engagement))[0].GetProperty("PageArn").GetString()!;
        await Call("AcceptPage", $$$"""{"PageId":"{{{page}}}","AcceptType":"DELIVERED","AcceptCode":"000000"}""", page);
        await Call("StopEngagement", $$$"""{"EngagementId":"{{{engagement}}}"}""", engagement);

        var start = DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeSeconds();
        var rotation = (await Call("CreateRotation", $$$"""
            {"Name":"audit","ContactIds":["{{{contact}}}"],"StartTime":{{{start}}},"TimeZoneId":"UTC",
             "Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}}
            """, "")).GetProperty("RotationArn").GetString()!;
        done["CreateRotation"] = done["CreateRotation"] with { Resource = rotation };
        await Call("UpdateRotation", $$$"""
            {"RotationId":"{{{rotation}}}","Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":2,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}}
            """, rotation);
        var overrideId = (await Call("CreateRotationOverride", $$$"""
            {"RotationId":"{{{rotation}}}","NewContactIds":["{{{contact}}}"],"StartTime":{{{start + 3600}}},"EndTime":{{{start + 7200}}}}
            """, rotation)).GetProperty("RotationOverrideId").GetString()!;
        await Call("DeleteRotationOverride", $$$"""{"RotationId":"{{{rotation}}}","RotationOverrideId":"{{{overrideId}}}"}""", rotation);
        await Call("DeleteRotation", $$$"""{"RotationId":"{{{rotation}}}"}""", rotation);
        await Call("DeactivateContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""", channel);
        await Call("DeleteContactChannel", $$$"""{"ContactChannelId":"{{{channel}}}"}""", channel);
        await Call("DeleteContact", $$$"""{"ContactId":"{{{contact}}}"}""", contact);

        var events = await AuditEvents.AllAsync(client);
        var changing = ServiceModel.Shared.Operations
            .Where(o => !ReadPrefixes.Any(p => o.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(changing, done.Keys.Order(StringComparer.Ordinal));
        foreach (var operation in changing)
        {
            var (requestId, resource) = done[operation];
            var record = events.WithRequestId(requestId);
            Assert.Equal(operation, record.Text("Operation"));
            Assert.Equal("Success", record.Text("Outcome"));
            Assert.Equal(resource, record.Text("ResourceArn"));
            Assert.Equal(client.Account, record.Text("AccountId"));
        }
        Assert.DoesNotContain(events, e => ReadPrefixes.Any(p => e.Text("Operation")!.StartsWith(p, StringComparison.Ordinal)));
        Assert.Equal(done.Count, events.Count(e => e.Text("Operation") is { } op && !op.Contains('.', StringComparison.Ordinal)));
    }

    [Fact]
    public async Task a_replayed_create_is_recorded_with_what_the_first_call_created()
    {
        var client = fixture.NewPaging().Client;
        const string body = """{"Alias":"replayed","Type":"PERSONAL","Plan":{"Stages":[]},"IdempotencyToken":"audit-replay-1"}""";
        var first = await client.CallAsync("CreateContact", body);
        var again = await client.CallAsync("CreateContact", body);
        Assert.Equal(200, again.Status);

        var events = await AuditEvents.AllAsync(client);

        Assert.Equal(client.Arn("contact/replayed"), events.WithRequestId(first.RequestId).Text("ResourceArn"));
        Assert.Equal(client.Arn("contact/replayed"), events.WithRequestId(again.RequestId).Text("ResourceArn"));
        Assert.Equal("Success", events.WithRequestId(again.RequestId).Text("Outcome"));
    }

    [Fact]
    public async Task an_outsized_access_key_under_auth_off_is_cut_in_the_record_and_the_call_still_answers()
    {
        // Under --auth off a key that is not 12 digits is served in the default account.
        var hostile = new ApiClient(fixture.Endpoint, new string('K', 5000));
        var refused = await hostile.CallAsync("DeleteContact", $$$"""{"ContactId":"arn:aws:ssm-contacts:us-east-1:000000000000:contact/{{{new string('x', 5000)}}}"}""");
        Assert.Equal(400, refused.Status);

        var events = await AuditEvents.AllAsync(new ApiClient(fixture.Endpoint, "000000000000"));

        var record = events.WithRequestId(refused.RequestId);
        Assert.Equal(new string('K', 128), record.Text("Caller"));
        Assert.Equal("ValidationException", record.Text("Outcome"));
        // An ARN longer than the model allows is not copied into the log either.
        Assert.Null(record.Text("ResourceArn"));
    }
}
