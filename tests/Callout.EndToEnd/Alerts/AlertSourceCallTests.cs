using System.Text.Json;
using Callout.EndToEnd.Audit;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Alerts;

/// docs/management.md, "Alert sources": created with a key shown once, listed without it, and
/// deleted so that the key stops working at once; each change audited.
public sealed class AlertSourceCallTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    [Fact]
    public async Task a_new_source_answers_its_key_once_with_the_address_to_paste()
    {
        var w = await AlertWorld.NewAsync(fixture);

        var created = await w.SourceAsync("ALERTMANAGER");

        var id = created.GetProperty("AlertSourceId").GetString()!;
        var arn = created.GetProperty("AlertSourceArn").GetString()!;
        var key = AlertWorld.KeyOf(created);
        Assert.Equal($"arn:aws:ssm-incidents:us-east-1:{w.Client.Account}:alert-source/{id}", arn);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", key);
        Assert.Equal("ALERTMANAGER", created.GetProperty("Format").GetString());
        Assert.Equal(w.PlanArn, created.GetProperty("ResponsePlanArn").GetString());
        Assert.Equal(new Uri(fixture.Endpoint, "_callout/alerts/alertmanager/" + key), AlertWorld.UrlOf(created));
        Assert.Equal(new Uri(fixture.Endpoint, "_callout/alerts/alertmanager"), new Uri(created.GetProperty("BearerUrl").GetString()!));

        var listed = Assert.Single((await w.CalloutOkAsync("ListAlertSources", "{}")).GetProperty("AlertSources").EnumerateArray());
        Assert.Equal(id, listed.GetProperty("AlertSourceId").GetString());
        Assert.Equal(arn, listed.GetProperty("AlertSourceArn").GetString());
        Assert.Equal("alertmanager", listed.GetProperty("Name").GetString());
        Assert.False(listed.TryGetProperty("Key", out _));
        Assert.False(listed.TryGetProperty("Url", out _));
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_pagerduty_source_is_reached_at_the_events_api_path_and_secrets_are_never_listed()
    {
        var w = await AlertWorld.NewAsync(fixture);

        var pagerDuty = await w.SourceAsync("PAGERDUTY");
        await w.SourceAsync("GRAFANA", ",\"GrafanaHmacSecret\":\"grafana-shared-secret-0123456789\"");
        var sns = await w.SourceAsync("SNS", ",\"SnsTopicArns\":[\"arn:aws:sns:us-east-1:111122223333:alarms\"]");

        Assert.Equal(new Uri(fixture.Endpoint, "v2/enqueue"), AlertWorld.UrlOf(pagerDuty));
        Assert.False(pagerDuty.TryGetProperty("BearerUrl", out _));
        Assert.Equal(new Uri(fixture.Endpoint, "_callout/alerts/sns/" + AlertWorld.KeyOf(sns)), AlertWorld.UrlOf(sns));
        var listed = (await w.CalloutOkAsync("ListAlertSources", "{}")).GetProperty("AlertSources").EnumerateArray().ToList();
        var byFormat = listed.ToDictionary(s => s.GetProperty("Format").GetString()!);
        Assert.Equal(["GRAFANA", "PAGERDUTY", "SNS"], byFormat.Keys.Order(StringComparer.Ordinal));
        Assert.True(byFormat["GRAFANA"].GetProperty("GrafanaHmacSecretSet").GetBoolean());
        Assert.DoesNotContain("grafana-shared-secret", byFormat["GRAFANA"].GetRawText(), StringComparison.Ordinal);
        Assert.Equal("arn:aws:sns:us-east-1:111122223333:alarms", Assert.Single(byFormat["SNS"].GetProperty("SnsTopicArns").EnumerateArray()).GetString());
        Assert.False(byFormat["PAGERDUTY"].TryGetProperty("SnsTopicArns", out _));
    }

    [Fact]
    public async Task sources_list_in_pages_for_their_own_account_and_region_only()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await w.SourceAsync("GENERIC")).GetProperty("AlertSourceId").GetString()!);
        }

        var first = await w.CalloutOkAsync("ListAlertSources", """{"MaxResults":2}""");
        var token = first.GetProperty("NextToken").GetString();
        var rest = await w.CalloutOkAsync("ListAlertSources", JsonSerializer.Serialize(new { MaxResults = 2, NextToken = token }));

        // The virtual clock stands still, so all three were made in one millisecond: id order.
        Assert.Equal(ids.Order(StringComparer.Ordinal), first.GetProperty("AlertSources").EnumerateArray().Concat(rest.GetProperty("AlertSources").EnumerateArray())
            .Select(s => s.GetProperty("AlertSourceId").GetString()));
        Assert.False(rest.TryGetProperty("NextToken", out _));
        var otherRegion = new ApiClient(fixture.Endpoint, w.Client.Account, "eu-west-1");
        var other = await otherRegion.SendAsync("Callout.ListAlertSources", "{}"u8.ToArray());
        Assert.Empty(other.Json.GetProperty("AlertSources").EnumerateArray());
        var otherAccount = ApiClient.ForNewAccount(fixture.Endpoint);
        var tampered = await otherAccount.SendAsync("Callout.ListAlertSources", JsonSerializer.SerializeToUtf8Bytes(new { NextToken = token }));
        Assert.Equal("ValidationException", tampered.Type);
    }

    [Fact]
    public async Task a_deleted_source_key_stops_working_at_once_and_another_account_cannot_delete_it()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("GENERIC");
        var arn = source.GetProperty("AlertSourceArn").GetString()!;
        Assert.Equal(200, (await AlertWorld.PostAsync(source, """{"dedupKey":"a","title":"before"}""")).Status);

        var stranger = ApiClient.ForNewAccount(fixture.Endpoint);
        var refused = await stranger.SendAsync("Callout.DeleteAlertSource", JsonSerializer.SerializeToUtf8Bytes(new { AlertSourceId = arn }));
        Assert.Equal("ResourceNotFoundException", refused.Type);
        Assert.Equal(200, (await AlertWorld.PostAsync(source, """{"dedupKey":"b","title":"still works"}""")).Status);

        await w.CalloutOkAsync("DeleteAlertSource", JsonSerializer.Serialize(new { AlertSourceId = arn }));

        var after = await AlertWorld.PostAsync(source, """{"dedupKey":"c","title":"after"}""");
        Assert.Equal(404, after.Status);
        Assert.Equal("No alert source has this key.", after.Message);
        var bearer = await AlertWorld.PostAsync(new Uri(source.GetProperty("BearerUrl").GetString()!), """{"dedupKey":"c","title":"after"}""",
            bearer: AlertWorld.KeyOf(source));
        Assert.Equal(404, bearer.Status);
        Assert.Empty((await w.CalloutOkAsync("ListAlertSources", "{}")).GetProperty("AlertSources").EnumerateArray());
        var again = await w.CalloutAsync("DeleteAlertSource", JsonSerializer.Serialize(new { AlertSourceId = source.GetProperty("AlertSourceId").GetString() }));
        Assert.Equal("ResourceNotFoundException", again.Type);
        Assert.Equal(2, (await w.IncidentListAsync()).Count);
    }

    [Fact]
    public async Task creating_and_deleting_sources_is_audited_with_the_source_arn()
    {
        var w = await AlertWorld.NewAsync(fixture);
        var source = await w.SourceAsync("GENERIC");
        var arn = source.GetProperty("AlertSourceArn").GetString()!;
        await w.CalloutOkAsync("DeleteAlertSource", JsonSerializer.Serialize(new { AlertSourceId = arn }));

        var events = await AuditEvents.AllAsync(w.Client, $"\"ResourceArn\":\"{arn}\"");

        Assert.Equal(["Callout.DeleteAlertSource", "Callout.CreateAlertSource"], events.Select(e => e.Text("Operation")));
        Assert.All(events, e => Assert.Equal("Success", e.Text("Outcome")));
    }

    [Theory]
    [InlineData("""{"Format":"GENERIC","ResponsePlanArn":"PLAN"}""", "ValidationException", "Name")]
    [InlineData("""{"Name":"x","Format":"NAGIOS","ResponsePlanArn":"PLAN"}""", "ValidationException", "NAGIOS")]
    [InlineData("""{"Name":"x","Format":7,"ResponsePlanArn":"PLAN"}""", "ValidationException", "Format")]
    [InlineData("""{"Name":"x","Format":"GENERIC"}""", "ValidationException", "ResponsePlanArn")]
    [InlineData("""{"Name":"x","Format":"GENERIC","ResponsePlanArn":"web"}""", "ValidationException", "not a response plan ARN")]
    [InlineData("""{"Name":"x","Format":"GENERIC","ResponsePlanArn":"arn:aws:ssm-incidents::ACCOUNT:response-plan/nope"}""", "ResourceNotFoundException", "nope")]
    [InlineData("""{"Name":"x","Format":"GENERIC","ResponsePlanArn":"arn:aws:ssm-incidents::999999999999:response-plan/web"}""", "ResourceNotFoundException", "999999999999")]
    [InlineData("""{"Name":"x","Format":"ALERTMANAGER","ResponsePlanArn":"PLAN","GrafanaHmacSecret":"grafana-shared-secret-0123456789"}""", "ValidationException", "only for a GRAFANA source")]
    [InlineData("""{"Name":"x","Format":"GRAFANA","ResponsePlanArn":"PLAN","GrafanaHmacSecret":"short"}""", "ValidationException", "at least 16 characters")]
    [InlineData("""{"Name":"x","Format":"SNS","ResponsePlanArn":"PLAN"}""", "ValidationException", "SnsTopicArns")]
    [InlineData("""{"Name":"x","Format":"SNS","ResponsePlanArn":"PLAN","SnsTopicArns":["alarms"]}""", "ValidationException", "not an SNS topic ARN")]
    [InlineData("""{"Name":"x","Format":"SNS","ResponsePlanArn":"PLAN","SnsTopicArns":"arn:aws:sns:us-east-1:111122223333:a"}""", "ValidationException", "SnsTopicArns")]
    [InlineData("""{"Name":"x","Format":"GENERIC","ResponsePlanArn":"PLAN","SnsTopicArns":["arn:aws:sns:us-east-1:111122223333:a"]}""", "ValidationException", "only for an SNS source")]
    [InlineData("""{"Name":"a\u0000b","Format":"GENERIC","ResponsePlanArn":"PLAN"}""", "ValidationException", "control characters")]
    public async Task a_bad_create_is_refused_with_the_members_reason(string json, string error, string reason)
    {
        var w = await AlertWorld.NewAsync(fixture);

        var refused = await w.CalloutAsync("CreateAlertSource", json.Replace("PLAN", w.PlanArn, StringComparison.Ordinal)
            .Replace("ACCOUNT", w.Client.Account, StringComparison.Ordinal));

        Assert.Equal(400, refused.Status);
        Assert.Equal(error, refused.Type);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Empty((await w.CalloutOkAsync("ListAlertSources", "{}")).GetProperty("AlertSources").EnumerateArray());
    }
}
