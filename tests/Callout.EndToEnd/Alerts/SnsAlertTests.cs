using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Callout.EndToEnd.Incidents;
using Callout.EndToEnd.Rotations;
using Callout.Testing;

namespace Callout.EndToEnd.Alerts;

/// docs/spec/incidents.md §5, SNS: a CloudWatch alarm reaches Callout through an SNS HTTPS
/// subscription. The subscription is confirmed only after a valid signature, ALARM opens one
/// incident that pages, repeats join it, OK resolves it; forgeries change nothing.
public sealed class SnsAlertTests(SnsFixture fixture) : IClassFixture<SnsFixture>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    SnsSink Sns => fixture.Sns;

    sealed record Source(IncidentWorld World, string PlanArn, string Topic, Uri Url, Engagements.Person Person);

    async Task<Source> SourceAsync(string plan)
    {
        var world = new IncidentWorld(fixture.NewPaging(), fixture.Server.Endpoint);
        var person = await world.Paging.PersonWithPlanAsync("akuam");
        var planArn = await world.PlanAsync(plan, null, person.Arn);
        var topic = $"arn:aws:sns:us-east-1:{world.Account}:{plan}-alarms";
        var created = await world.Paging.Client.CalloutOkAsync("CreateAlertSource",
            JsonSerializer.Serialize(new { Name = plan + " alarms", Format = "SNS", ResponsePlanArn = planArn, SnsTopicArns = new[] { topic } }));
        var url = new Uri(created.GetProperty("Url").GetString()!);
        Assert.EndsWith("/_callout/alerts/sns/" + created.GetProperty("Key").GetString(), url.AbsolutePath, StringComparison.Ordinal);
        return new Source(world, planArn, topic, url, person);
    }

    /// Posted as SNS posts: text/plain, with the message type in x-amz-sns-message-type.
    static async Task<(int Status, JsonElement Body)> PostAsync(Uri url, SnsTestMessage message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(message.ToJson(), Encoding.UTF8, new MediaTypeHeaderValue("text/plain")),
        };
        request.Headers.Add("x-amz-sns-message-type", message.Type);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    SnsTestMessage Alarm(Source s, string state, string alarm = "checkout-errors") =>
        SnsTestMessage.Alarm(s.Topic, $"arn:aws:cloudwatch:us-east-1:{s.World.Account}:alarm:{alarm}", state, Sns.SigningCertUrl);

    [Fact]
    public async Task a_confirmed_subscriptions_alarm_opens_one_incident_that_pages_and_ok_resolves_it()
    {
        var s = await SourceAsync("checkout");
        var token = "token-" + Guid.NewGuid().ToString("N");
        var confirmation = SnsTestMessage.Confirmation(s.Topic, Sns.SubscribeUrl(token), token, Sns.SigningCertUrl);

        // Signed by another key: SubscribeURL is not fetched.
        using (var other = RSA.Create(2048))
        {
            var (forged, _) = await PostAsync(s.Url, confirmation.SignedWith(other, "2"));
            Assert.Equal(403, forged);
        }
        Assert.DoesNotContain(token, Sns.Confirmations);

        var (confirmed, confirmedBody) = await PostAsync(s.Url, confirmation.SignedWith(Sns.Key, "1"));
        Assert.Equal(200, confirmed);
        Assert.True(confirmedBody.GetProperty("confirmed").GetBoolean());
        Assert.Single(Sns.Confirmations, t => t == token);

        var (opened, openedBody) = await PostAsync(s.Url, Alarm(s, "ALARM").SignedWith(Sns.Key, "2"));
        Assert.True(opened == 200, openedBody.ToString());
        var incident = openedBody.GetProperty("incidentArn").GetString()!;
        Assert.False(openedBody.GetProperty("deduplicated").GetBoolean());
        var record = await s.World.RecordAsync(incident);
        Assert.Equal("OPEN", record.GetProperty("status").GetString());
        Assert.Equal("checkout-errors", record.GetProperty("title").GetString());
        Assert.Equal("callout.sns", record.GetProperty("incidentRecordSource").GetProperty("source").GetString());
        await s.World.Paging.RunDueAsync();
        Assert.Contains(await s.World.Paging.SentAsync(), m => m.Address == s.Person["EMAIL"].Address);

        // SNS may deliver the same alarm again, or CloudWatch repeat it: the same incident, no new page.
        var (repeated, repeatedBody) = await PostAsync(s.Url, Alarm(s, "ALARM").SignedWith(Sns.Key, "1"));
        Assert.Equal(200, repeated);
        Assert.Equal(incident, repeatedBody.GetProperty("incidentArn").GetString());
        Assert.True(repeatedBody.GetProperty("deduplicated").GetBoolean());
        Assert.Single(await s.World.EngagementsAsync(incident));

        // INSUFFICIENT_DATA says nothing of the condition: nothing changes.
        var (unknown, _) = await PostAsync(s.Url, Alarm(s, "INSUFFICIENT_DATA").SignedWith(Sns.Key, "2"));
        Assert.Equal(200, unknown);
        Assert.Equal("OPEN", (await s.World.RecordAsync(incident)).GetProperty("status").GetString());

        var (resolved, resolvedBody) = await PostAsync(s.Url, Alarm(s, "OK").SignedWith(Sns.Key, "2"));
        Assert.Equal(200, resolved);
        Assert.Equal(incident, resolvedBody.GetProperty("incidentArn").GetString());
        Assert.Equal("RESOLVED", (await s.World.RecordAsync(incident)).GetProperty("status").GetString());

        Assert.Single(Sns.Confirmations, t => t == token);
    }

    [Fact]
    public async Task forged_alarms_open_no_incident()
    {
        var s = await SourceAsync("payments");
        var signed = Alarm(s, "ALARM").SignedWith(Sns.Key, "2");
        using var other = RSA.Create(2048);
        var forgeries = new (string Why, SnsTestMessage Message)[]
        {
            ("http SigningCertURL", (Alarm(s, "ALARM") with { SigningCertURL = Sns.SigningCertUrl.Replace("https://", "http://", StringComparison.Ordinal) }).SignedWith(Sns.Key, "2")),
            ("foreign host", (Alarm(s, "ALARM") with { SigningCertURL = "https://sns.us-east-1.amazonaws.com.evil.com/x.pem" }).SignedWith(Sns.Key, "2")),
            ("tampered Message", signed with { Message = signed.Message.Replace("checkout-errors", "other-alarm", StringComparison.Ordinal) }),
            ("tampered Subject", signed with { Subject = "OK" }),
            ("tampered Timestamp", signed with { Timestamp = "2030-01-01T00:00:00.000Z" }),
            ("tampered TopicArn", signed with { TopicArn = s.Topic + "-2" }),
            ("version 3", signed with { SignatureVersion = "3" }),
            ("another key", Alarm(s, "ALARM").SignedWith(other, "2")),
            ("unknown topic", (Alarm(s, "ALARM") with { TopicArn = $"arn:aws:sns:us-east-1:{s.World.Account}:someone-elses" }).SignedWith(Sns.Key, "2")),
        };
        foreach (var (why, message) in forgeries)
        {
            var (status, body) = await PostAsync(s.Url, message);
            Assert.True(status == 403, $"{why}: {status} {body}");
            Assert.True(body.GetProperty("message").GetString()!.Length > 0, why);
        }
        var (missingVersion, _) = await PostAsync(s.Url, signed with { SignatureVersion = null });
        Assert.Equal(400, missingVersion);

        var list = await s.World.Incidents.PostAsync("/listIncidentRecords", "{}");
        Assert.Equal(0, list.Json.GetProperty("incidentRecordSummaries").GetArrayLength());
    }

    [Fact]
    public async Task a_subscribe_url_on_a_foreign_host_is_not_fetched()
    {
        var s = await SourceAsync("search");
        var token = "token-" + Guid.NewGuid().ToString("N");
        var foreign = new Uri($"https://localhost:{Sns.BaseUrl.Port}/?Action=ConfirmSubscription&Token={token}").AbsoluteUri;
        var (status, body) = await PostAsync(s.Url, SnsTestMessage.Confirmation(s.Topic, foreign, token, Sns.SigningCertUrl).SignedWith(Sns.Key, "2"));
        Assert.Equal(403, status);
        Assert.Contains("SubscribeURL", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, Sns.Confirmations);
    }

    [Fact]
    public async Task malformed_bodies_unknown_keys_and_other_formats_get_4xx_with_a_reason()
    {
        var s = await SourceAsync("billing");
        foreach (var body in new[] { "", "not json", "[]", """{"Type":"Notification"}""", """{"Type":1}""" })
        {
            using var response = await Http.PostAsync(s.Url, new StringContent(body));
            Assert.Equal(400, (int)response.StatusCode);
            Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!.Length > 0);
        }
        var notAlarm = (Alarm(s, "ALARM") with { Message = "Hello world!" }).SignedWith(Sns.Key, "2");
        Assert.Equal(400, (await PostAsync(s.Url, notAlarm)).Status);

        var unknownKey = new Uri(s.Url, "/_callout/alerts/sns/" + new string('A', 43));
        Assert.Equal(404, (await PostAsync(unknownKey, Alarm(s, "ALARM").SignedWith(Sns.Key, "2"))).Status);

        var generic = await s.World.Paging.Client.CalloutOkAsync("CreateAlertSource",
            JsonSerializer.Serialize(new { Name = "generic", Format = "GENERIC", ResponsePlanArn = s.PlanArn }));
        var wrongFormat = new Uri(s.Url, "/_callout/alerts/sns/" + generic.GetProperty("Key").GetString());
        var (status, answer) = await PostAsync(wrongFormat, Alarm(s, "ALARM").SignedWith(Sns.Key, "2"));
        Assert.Equal(400, status);
        Assert.Contains("GENERIC", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
