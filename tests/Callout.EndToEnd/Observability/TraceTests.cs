using System.Text.Json;
using Callout.EndToEnd.Delivery;
using Callout.EndToEnd.Engagements;
using Callout.EndToEnd.Harness;
using Callout.EndToEnd.Incidents;
using Callout.Testing.Otlp;

namespace Callout.EndToEnd.Observability;

/// docs/operations.md, "Traces": with OTEL_EXPORTER_OTLP_ENDPOINT set, a page's path from the call
/// or alert that started it through the engine to the provider is one trace, exported over OTLP to
/// a real receiver, and the webhook's receiver gets the trace in its traceparent header.
public sealed class TraceTests(TracedFixture fixture) : IClassFixture<TracedFixture>
{
    static readonly HttpClient Http = new();

    const string SenderTrace = "0af7651916cd43dd8448eb211c80319c";
    const string SenderSpan = "b7ad6b7169203331";

    static bool Has(IReadOnlyList<OtlpSpan> spans, string name, string traceId) => spans.Any(s => s.Name == name && s.TraceId == traceId);

    /// The engine's span for the send and the provider's under it, once exported.
    async Task<(OtlpSpan Step, OtlpSpan Provider)> EngineSpansAsync(string traceId, string parentSpanId)
    {
        var spans = await fixture.Receiver.WaitForAsync(s => Has(s, "engine SendPage", traceId) && Has(s, "deliver webhook", traceId));
        var step = Assert.Single(spans, s => s.Name == "engine SendPage" && s.TraceId == traceId);
        Assert.Equal(parentSpanId, step.ParentSpanId);
        Assert.Equal("Callout.Engine", step.Scope);
        Assert.Equal(OtlpSpan.KindInternal, step.Kind);
        Assert.Equal("SendPage", step["callout.step.kind"]);
        var provider = Assert.Single(spans, s => s.Name == "deliver webhook" && s.TraceId == traceId);
        Assert.Equal(step.SpanId, provider.ParentSpanId);
        Assert.Equal("Callout.Delivery", provider.Scope);
        Assert.Equal(OtlpSpan.KindClient, provider.Kind);
        Assert.Equal("webhook", provider["callout.provider"]);
        Assert.Equal("EMAIL", provider["callout.channel.type"]);
        Assert.Equal("sent", provider["callout.delivery.outcome"]);
        return (step, provider);
    }

    /// The page's webhook (the send the provider span made, not the activation code) carries, as
    /// its traceparent, the exported span of its HTTP request, a child of the provider span.
    async Task AssertWebhookCarriesAsync(string address, OtlpSpan provider)
    {
        var posted = Assert.Single(fixture.Sink.Webhooks, w => w["address"] == address && w["idempotencyKey"] == provider["callout.delivery.key"]);
        var traceparent = posted.Header("traceparent")!;
        Assert.Matches($"^00-{provider.TraceId}-[0-9a-f]{{16}}-0[13]$", traceparent);
        var spanId = traceparent.Split('-')[2];
        var spans = await fixture.Receiver.WaitForAsync(s => s.Any(x => x.SpanId == spanId));
        var request = Assert.Single(spans, s => s.SpanId == spanId);
        Assert.Equal(provider.SpanId, request.ParentSpanId);
        Assert.Equal(provider.TraceId, request.TraceId);
        Assert.Equal("System.Net.Http", request.Scope);
        Assert.Equal("POST", request.Name);
        Assert.Equal(OtlpSpan.KindClient, request.Kind);
    }

    [Fact]
    public async Task start_engagement_its_engine_step_and_the_webhook_call_are_one_trace()
    {
        var flow = new PagingFlow(fixture);
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);

        await flow.PageAsync();

        var spans = await fixture.Receiver.WaitForAsync(s => s.Any(IsStart));
        bool IsStart(OtlpSpan s) => s.Name == "SSMContacts/StartEngagement" && s["cloud.account.id"] == flow.Client.Account;
        var api = Assert.Single(spans, IsStart);
        Assert.Equal("Callout.Api", api.Scope);
        Assert.Equal(OtlpSpan.KindServer, api.Kind);
        Assert.Equal("", api.ParentSpanId);
        Assert.Equal("aws-api", api["rpc.system"]);
        Assert.Equal("SSMContacts", api["rpc.service"]);
        Assert.Equal("StartEngagement", api["rpc.method"]);
        Assert.Equal(flow.Client.Region, api["aws.region"]);
        Assert.Equal("200", api["http.response.status_code"]);
        Assert.Equal(TracedFixture.ServiceName, api.Resource["service.name"]);
        var (step, provider) = await EngineSpansAsync(api.TraceId, api.SpanId);
        Assert.Equal(flow.Engagement[(flow.Engagement.LastIndexOf('/') + 1)..], step["callout.engagement.id"]);
        await AssertWebhookCarriesAsync(address, provider);

        // The JSON log lines of the call and of the send name the exported trace and their spans.
        var logs = fixture.LogLines();
        var callLine = Assert.Single(logs, l => l.TryGetProperty("requestId", out var r) && r.GetString() == api["aws.request_id"]);
        Assert.Equal(api.TraceId, callLine.GetProperty("traceId").GetString());
        Assert.Equal(api.SpanId, callLine.GetProperty("spanId").GetString());
        var sentLine = Assert.Single(logs, l => l.GetProperty("message").GetString()!.StartsWith("Page ", StringComparison.Ordinal)
            && l.TryGetProperty("traceId", out var t) && t.GetString() == api.TraceId);
        Assert.Equal(provider.SpanId, sentLine.GetProperty("spanId").GetString());
    }

    [Fact]
    public async Task an_on_call_schedules_pages_continue_the_trace_through_the_step_that_found_who_is_on_call()
    {
        var flow = new PagingFlow(fixture);
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        var now = DateTimeOffset.FromUnixTimeSeconds((long)await VirtualTime.NowAsync(fixture.Server.Endpoint));
        var start = now.AddDays(-1).ToUnixTimeSeconds();
        var rotation = (await flow.Client.OkAsync("CreateRotation", $$$"""
            {"Name":"primary","ContactIds":["{{{flow.Contact}}}"],"TimeZoneId":"UTC","StartTime":{{{start}}},
             "Recurrence":{"NumberOfOnCalls":1,"RecurrenceMultiplier":1,"DailySettings":[{"HourOfDay":9,"MinuteOfHour":0}]}}
            """)).GetProperty("RotationArn").GetString();
        var schedule = (await flow.Client.OkAsync("CreateContact", $$$"""
            {"Alias":"oncall","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[],"RotationIds":["{{{rotation}}}"]}}
            """)).GetProperty("ContactArn").GetString();

        await flow.Client.OkAsync("StartEngagement", $$"""{"ContactId":"{{schedule}}","Sender":"monitoring","Subject":"s","Content":"c"}""");
        await VirtualTime.AdvanceAsync(fixture.Server.Endpoint, TimeSpan.Zero);

        var spans = await fixture.Receiver.WaitForAsync(s => s.Any(IsStart));
        bool IsStart(OtlpSpan s) => s.Name == "SSMContacts/StartEngagement" && s["cloud.account.id"] == flow.Client.Account;
        var api = Assert.Single(spans, IsStart);
        spans = await fixture.Receiver.WaitForAsync(s => Has(s, "engine EnterSchedule", api.TraceId));
        var entered = Assert.Single(spans, s => s.Name == "engine EnterSchedule" && s.TraceId == api.TraceId);
        Assert.Equal(api.SpanId, entered.ParentSpanId);
        var (_, provider) = await EngineSpansAsync(api.TraceId, entered.SpanId);
        await AssertWebhookCarriesAsync(address, provider);
    }

    [Fact]
    public async Task a_callers_traceparent_makes_the_call_a_child_of_the_callers_span()
    {
        var client = fixture.NewClient();
        using var request = Testing.SsmContactsRequest.Create(fixture.Server.Endpoint, client.Account, client.Region, "SSMContacts.ListContacts", "{}"u8.ToArray());
        request.Headers.Add("traceparent", $"00-{SenderTrace}-{SenderSpan}-01");
        using var response = await Http.SendAsync(request);
        var answer = await ApiResponse.ReadAsync(response);
        Assert.Equal(200, answer.Status);

        var spans = await fixture.Receiver.WaitForAsync(s => Has(s, "SSMContacts/ListContacts", SenderTrace));

        var api = Assert.Single(spans, s => s.Name == "SSMContacts/ListContacts" && s.TraceId == SenderTrace);
        Assert.Equal(SenderSpan, api.ParentSpanId);
        Assert.Equal(answer.RequestId, api["aws.request_id"]);
    }

    [Theory]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")]
    [InlineData("zz-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331")]
    [InlineData("not a traceparent at all")]
    public async Task a_malformed_traceparent_is_ignored_and_the_call_starts_a_trace_of_its_own(string header)
    {
        var client = fixture.NewClient();
        using var request = Testing.SsmContactsRequest.Create(fixture.Server.Endpoint, client.Account, client.Region, "SSMContacts.ListContacts", "{}"u8.ToArray());
        request.Headers.TryAddWithoutValidation("traceparent", header);
        request.Headers.TryAddWithoutValidation("tracestate", new string('x', 10_000));
        using var response = await Http.SendAsync(request);
        var answer = await ApiResponse.ReadAsync(response);
        Assert.Equal(200, answer.Status);

        var spans = await fixture.Receiver.WaitForAsync(s => s.Any(x => x["aws.request_id"] == answer.RequestId));

        var api = Assert.Single(spans, s => s["aws.request_id"] == answer.RequestId);
        Assert.Equal("", api.ParentSpanId);
        Assert.NotEqual(SenderTrace, api.TraceId);
        Assert.Matches("^[0-9a-f]{32}$", api.TraceId);
    }

    [Fact]
    public async Task an_alert_and_the_page_it_starts_are_one_trace_continuing_the_senders()
    {
        var flow = new PagingFlow(fixture);
        var address = $"akuam-{Guid.NewGuid():N}@example.com";
        await flow.PersonWithChannelAsync("EMAIL", address);
        var world = new IncidentWorld(new Paging(flow.Client, fixture.Server.Endpoint), fixture.Server.Endpoint);
        var plan = await world.PlanAsync("web", null, flow.Contact);
        var created = await flow.Client.SendAsync("Callout.CreateAlertSource",
            System.Text.Encoding.UTF8.GetBytes($$"""{"Name":"generic","Format":"GENERIC","ResponsePlanArn":"{{plan}}"}"""));
        Assert.True(created.Status == 200, created.Text);
        var source = created.Json;
        var trace = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

        var fired = await Alerts.AlertWorld.PostAsync(Alerts.AlertWorld.UrlOf(source),
            """{"dedupKey":"db-1/disk","title":"Disk full on db-1","summary":"/var at 99%","impact":2}""",
            headers: new Dictionary<string, string> { ["traceparent"] = $"00-{trace}-{SenderSpan}-01" });
        Assert.True(fired.Status == 200, fired.Text);
        await VirtualTime.AdvanceAsync(fixture.Server.Endpoint, TimeSpan.Zero);

        var spans = await fixture.Receiver.WaitForAsync(s => Has(s, "POST /_callout/alerts/generic/{key}", trace));
        var alert = Assert.Single(spans, s => s.Name == "POST /_callout/alerts/generic/{key}" && s.TraceId == trace);
        Assert.Equal(SenderSpan, alert.ParentSpanId);
        Assert.Equal(OtlpSpan.KindServer, alert.Kind);
        Assert.Equal("200", alert["http.response.status_code"]);
        Assert.DoesNotContain(Alerts.AlertWorld.KeyOf(source), alert.ToString(), StringComparison.Ordinal);
        var (_, provider) = await EngineSpansAsync(trace, alert.SpanId);
        await AssertWebhookCarriesAsync(address, provider);
    }
}
