using System.Globalization;
using Callout.EndToEnd.Incidents;

namespace Callout.EndToEnd.Fuzz;

/// The fuzzed account's incident data: a replication set, a response plan engaging the contacts
/// side's contact, an incident started from it and one timeline event, so valid requests find them.
sealed record IncidentFuzzResources(IncidentsClient Client, string ReplicationSetArn, string PlanArn, string IncidentArn, string? EventId)
{
    public const string PlanName = "fuzz-plan";

    public static async Task<IncidentFuzzResources> CreateAsync(IncidentsClient client, FuzzResources contacts)
    {
        var replicationSet = await client.CreateReplicationSetAsync();
        var plan = await OkAsync(client, "/createResponsePlan", $$$"""
            {"name":"{{{PlanName}}}","displayName":"Fuzz","incidentTemplate":{"title":"fuzzed","impact":3,"summary":"s"},
             "engagements":["{{{contacts.ContactArn}}}"],"tags":{"team":"fuzz"}}
            """, 201);
        var planArn = plan.GetProperty("arn").GetString()!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var trigger = $$"""{"source":"fuzz.test","timestamp":{{now}}}""";
        var incident = await OkAsync(client, "/startIncident", $$"""
            {"responsePlanArn":"{{planArn}}","title":"fuzz incident","triggerDetails":{{trigger}}}
            """, 200);
        var incidentArn = incident.GetProperty("incidentRecordArn").GetString()!;
        var eventJson = await OkAsync(client, "/createTimelineEvent", $$"""
            {"incidentRecordArn":"{{incidentArn}}","eventTime":{{now}},"eventType":"Custom Event","eventData":"\"fuzz\""}
            """, 201);
        return new IncidentFuzzResources(client, replicationSet, planArn, incidentArn, eventJson.GetProperty("eventId").GetString());
    }

    static async Task<System.Text.Json.JsonElement> OkAsync(IncidentsClient client, string path, string json, int status)
    {
        var response = await client.PostAsync(path, json);
        Assert.True(response.Status == status, $"{path} answered {response.Status}: {response.Text}");
        return response.Json;
    }

    /// An ARN of the kind the member names most of the time, else another kind, a made-up one,
    /// another account's or another service's.
    public string Arn(Random rng, FuzzText text, string member)
    {
        var kind = rng.Next(10) < 7 ? member switch
        {
            "responsePlanArn" => 0,
            "incidentRecordArn" => 1,
            _ => rng.Next(3),
        } : rng.Next(9);
        var account = Client.Account;
        return kind switch
        {
            0 => PlanArn,
            1 => IncidentArn,
            2 => ReplicationSetArn,
            3 => $"arn:aws:ssm-incidents::{account}:response-plan/{text.From("abcXYZ019-_", 1, 20)}",
            4 => $"arn:aws:ssm-incidents::{account}:incident-record/{PlanName}/{text.Uuid()}",
            5 => $"arn:aws:ssm-incidents::{account}:replication-set/{text.Uuid()}",
            6 => $"arn:aws:ssm-incidents::999999999999:response-plan/{PlanName}",
            7 => $"arn:aws:ssm-contacts:us-east-1:{account}:contact/fuzz-target",
            _ => $"arn:aws:ssm-incidents::{account}:{text.AsciiWord()}/{text.Wild(0, 20)}",
        };
    }
}
