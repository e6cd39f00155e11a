using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Engagements;

public sealed record Channel(string Arn, string Type, string Address, string Owner);

public sealed record Person(string Alias, string Arn, IReadOnlyList<Channel> Channels)
{
    public Channel this[string type] => Channels.Single(c => c.Type == type);
}

/// One page message in the local outbox: when it was sent (epoch ms), where, and its accept code.
public sealed record Sent(string Id, long At, string ChannelType, string Address, string Body, string? Code);

/// Drives engagements on a virtual-clock server for one account: people and their channels, the
/// clock, the outbox and the page operations. Times are compared as epoch milliseconds.
public sealed partial class Paging(ApiClient client, Uri endpoint)
{
    public const long Minute = 60_000;

    // The texts of the botocore StartEngagement example, with the secure and public pairs kept
    // apart so a test can tell which went where.
    public const string Sender = "tester";
    public const string Subject = "test";
    public const string Content = "Testing engagements";
    public const string PublicSubject = "public test";
    public const string PublicContent = "Public testing engagements";

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(3) };
    static int _numbers = Random.Shared.Next(1_000_000, 8_000_000);

    public ApiClient Client => client;

    public Uri Endpoint => endpoint;

    public string Arn(string resource) => client.Arn(resource);

    public static long Ms(JsonElement seconds) => (long)Math.Round(seconds.GetDecimal() * 1000m);

    public static long? OptionalMs(JsonElement shape, string member) =>
        shape.TryGetProperty(member, out var v) && v.ValueKind != JsonValueKind.Null ? Ms(v) : null;

    // ---- the clock ----

    public async Task<long> NowAsync()
    {
        var doc = await Http.GetFromJsonAsync<JsonElement>(new Uri(endpoint, "_callout/clock"));
        Assert.True(doc.GetProperty("Virtual").GetBoolean());
        return Ms(doc.GetProperty("Now"));
    }

    /// Moves the virtual clock by whole seconds; returns once everything due on the way ran.
    public async Task<long> AdvanceAsync(long seconds)
    {
        using var content = new StringContent($$$"""{"seconds": {{{seconds}}}}""", Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(endpoint, "_callout/clock/advance"), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, "clock/advance failed: " + text);
        return Ms(JsonDocument.Parse(text).RootElement.GetProperty("Now"));
    }

    /// Runs what is due now, such as the pages of t0 right after StartEngagement.
    public Task<long> RunDueAsync() => AdvanceAsync(0);

    /// Moves the clock to exactly t0 + minutes.
    public async Task AdvanceToAsync(long t0, int minutes)
    {
        var target = t0 + (minutes * Minute);
        var delta = target - await NowAsync();
        Assert.True(delta >= 0 && delta % 1000 == 0, $"cannot move the clock by {delta} ms to t0+{minutes}");
        Assert.Equal(target, await AdvanceAsync(delta / 1000));
    }

    // ---- contacts ----

    static string NewAddress(string alias, string type)
    {
        var n = Interlocked.Increment(ref _numbers);
        return type == "EMAIL"
            ? $"{alias}-{n}@example.com"
            : "+1555" + n.ToString("D7", CultureInfo.InvariantCulture);
    }

    /// A PERSONAL contact with an empty plan and one activated channel of each type given, in order.
    public Task<Person> PersonAsync(string alias, params string[] types) => PersonAsync(alias, true, types);

    public async Task<Person> PersonAsync(string alias, bool activate, params string[] types)
    {
        var contact = (await client.OkAsync("CreateContact", $$$"""{"Alias":"{{{alias}}}","Type":"PERSONAL","Plan":{"Stages":[]}}"""))
            .GetProperty("ContactArn").GetString()!;
        var channels = new List<Channel>();
        foreach (var type in types)
        {
            var address = NewAddress(alias, type);
            var arn = (await client.OkAsync("CreateContactChannel", $$$"""
                {"ContactId":"{{{contact}}}","Name":"{{{alias}}} {{{type.ToLowerInvariant()}}}","Type":"{{{type}}}","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
                """)).GetProperty("ContactChannelArn").GetString()!;
            if (activate)
            {
                var code = await ActivationCodeAsync(address);
                await client.OkAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{arn}}}","ActivationCode":"{{{code}}}"}""");
            }
            channels.Add(new Channel(arn, type, address, alias));
        }
        return new Person(alias, contact, channels);
    }

    /// A PERSONAL contact with the akuam plan of the botocore GetContact example: one stage per
    /// channel, each `minutes` long, RetryIntervalInMinutes `retry`.
    public async Task<Person> PersonWithPlanAsync(string alias, int minutes = 5, int retry = 1, bool activate = true)
    {
        var person = await PersonAsync(alias, activate, "EMAIL", "SMS", "VOICE");
        await SetStagesAsync(person.Arn, ChannelStages(person, minutes, retry));
        return person;
    }

    /// Activation messages are Kind ACTIVATION; for a while after activation codes moved to the
    /// delivery providers (commit 23acb94) the outbox listed them as PAGE, so the subject counts too.
    static bool IsActivation(JsonElement message) =>
        message.GetProperty("Kind").GetString() == "ACTIVATION"
        || message.GetProperty("Subject").GetString() == "Activate your Callout paging channel";

    /// The code of the newest activation message to the address; voice reads it digit by digit.
    public async Task<string> ActivationCodeAsync(string address)
    {
        var message = (await Outbox.MessagesAsync(endpoint, client.Account))
            .First(m => IsActivation(m) && m.GetProperty("Address").GetString() == address);
        var code = ActivationCodeInBody().Match(message.GetProperty("Body").GetString()!);
        Assert.True(code.Success, "no activation code in " + message.GetProperty("Body").GetString());
        return code.Value.Replace(" ", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b[0-9]( ?[0-9]){5}\b")]
    private static partial Regex ActivationCodeInBody();

    public static string ChannelStages(Person person, int minutes = 5, int retry = 1) =>
        string.Join(',', person.Channels.Select(c =>
            $$$"""{"DurationInMinutes":{{{minutes}}},"Targets":[{"ChannelTargetInfo":{"ContactChannelId":"{{{c.Arn}}}","RetryIntervalInMinutes":{{{retry}}}}}]}"""));

    public Task SetStagesAsync(string contactArn, string stages) =>
        client.OkAsync("UpdateContact", $$$"""{"ContactId":"{{{contactArn}}}","Plan":{"Stages":[{{{stages}}}]}}""");

    /// An ESCALATION contact with one stage per entry, each targeting one person.
    public async Task<string> EscalationAsync(string alias, params (Person Person, int Minutes, bool Essential)[] stages)
    {
        var json = string.Join(',', stages.Select(s =>
            $$$"""{"DurationInMinutes":{{{s.Minutes}}},"Targets":[{"ContactTargetInfo":{"ContactId":"{{{s.Person.Arn}}}","IsEssential":{{{(s.Essential ? "true" : "false")}}}}}]}"""));
        return (await client.OkAsync("CreateContact", $$$"""
            {"Alias":"{{{alias}}}","DisplayName":"Example Escalation Plan","Type":"ESCALATION","Plan":{"Stages":[{{{json}}}]}}
            """)).GetProperty("ContactArn").GetString()!;
    }

    /// The three people and the escalation plan of the botocore examples (docs/spec/domain.md §3.8):
    /// S0 akuam essential 5 min, S1 alejr 5 min, S2 anasi 0 min; each person 5/5/5 with R=1 over
    /// EMAIL, SMS and VOICE.
    public async Task<(string Escalation, Person Akuam, Person Alejr, Person Anasi)> ExampleEscalationAsync()
    {
        var akuam = await PersonWithPlanAsync("akuam");
        var alejr = await PersonWithPlanAsync("alejr");
        var anasi = await PersonWithPlanAsync("anasi");
        var escalation = await EscalationAsync("example_escalation", (akuam, 5, true), (alejr, 5, false), (anasi, 0, false));
        return (escalation, akuam, alejr, anasi);
    }

    // ---- engagements ----

    public static string StartJson(string contactArn, string extra = "") => $$$"""
        {"ContactId":"{{{contactArn}}}","Sender":"{{{Sender}}}","Subject":"{{{Subject}}}","Content":"{{{Content}}}",
         "PublicSubject":"{{{PublicSubject}}}","PublicContent":"{{{PublicContent}}}"{{{extra}}}}
        """;

    public async Task<string> StartAsync(string contactArn, string extra = "") =>
        (await client.OkAsync("StartEngagement", StartJson(contactArn, extra))).GetProperty("EngagementArn").GetString()!;

    /// Starts an engagement, checks that t0 is the clock's now, and runs the pages due at t0.
    public async Task<(string Engagement, long T0)> StartAtNowAsync(string contactArn, string extra = "")
    {
        var now = await NowAsync();
        var engagement = await StartAsync(contactArn, extra);
        var t0 = Ms((await DescribeEngagementAsync(engagement)).GetProperty("StartTime"));
        Assert.Equal(now, t0);
        await RunDueAsync();
        return (engagement, t0);
    }

    public Task<JsonElement> DescribeEngagementAsync(string engagementArn) =>
        client.OkAsync("DescribeEngagement", $$$"""{"EngagementId":"{{{engagementArn}}}"}""");

    public async Task<long?> StopTimeAsync(string engagementArn) => OptionalMs(await DescribeEngagementAsync(engagementArn), "StopTime");

    // ---- the outbox ----

    /// Every page message sent in this account, oldest first.
    public async Task<IReadOnlyList<Sent>> SentAsync()
    {
        var messages = await Outbox.MessagesAsync(endpoint, client.Account);
        Assert.True(messages.Count < 900, "the outbox listing may be cut off; use fewer messages per server");
        return messages
            .Where(m => m.GetProperty("Kind").GetString() == "PAGE" && !IsActivation(m))
            .Select(m =>
            {
                var body = m.GetProperty("Body").GetString()!;
                var code = CodeInBody().Match(body);
                return new Sent(m.GetProperty("Id").GetString()!, Ms(m.GetProperty("CreatedAt")), m.GetProperty("ChannelType").GetString()!,
                    m.GetProperty("Address").GetString()!, body, code.Success ? code.Groups[1].Value : null);
            })
            .OrderBy(s => s.At).ThenBy(s => s.Address, StringComparer.Ordinal)
            .ToList();
    }

    /// The sends so far as sorted `+MM alias/TYPE` lines, minutes after t0; every send must fall
    /// on a whole minute.
    public async Task<IReadOnlyList<string>> TimelineAsync(long t0, params Person[] people)
    {
        var byAddress = people.SelectMany(p => p.Channels).ToDictionary(c => c.Address, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var sent in await SentAsync())
        {
            var offset = sent.At - t0;
            Assert.True(offset >= 0 && offset % Minute == 0, $"a {sent.ChannelType} page to {sent.Address} went out {offset} ms after t0, not on a whole minute");
            var channel = byAddress[sent.Address];
            Assert.Equal(channel.Type, sent.ChannelType);
            lines.Add(Line((int)(offset / Minute), channel));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static string Line(int minute, Channel channel) => $"+{minute:D2} {channel.Owner}/{channel.Type}";

    /// The lines of a page sent at `first` and retried every minute, `count` sends in all.
    public static IEnumerable<string> Sends(Channel channel, int first, int count = 4) =>
        Enumerable.Range(first, count).Select(m => Line(m, channel));

    public static List<string> Expected(params IEnumerable<string>[] parts)
    {
        var lines = parts.SelectMany(p => p).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static List<string> Until(IEnumerable<string> lines, int minute) =>
        lines.Where(l => int.Parse(l[1..3], CultureInfo.InvariantCulture) <= minute).ToList();

    /// The accept code carried by the newest page message to the channel's address.
    public async Task<string> CodeForAsync(Channel channel)
    {
        var sent = (await SentAsync()).LastOrDefault(s => s.Address == channel.Address);
        Assert.NotNull(sent);
        Assert.NotNull(sent.Code);
        return sent.Code!;
    }

    [GeneratedRegex(@"(?:Reply |Acknowledgement code: )([0-9]{6})\b")]
    private static partial Regex CodeInBody();

    // ---- pages ----

    public async Task<IReadOnlyList<JsonElement>> PagesAsync(string engagementArn) =>
        await AllAsync("ListPagesByEngagement", $"\"EngagementId\":\"{engagementArn}\"", "Pages");

    public async Task<IReadOnlyList<JsonElement>> PagesOfContactAsync(string contactArn) =>
        await AllAsync("ListPagesByContact", $"\"ContactId\":\"{contactArn}\"", "Pages");

    public async Task<IReadOnlyList<JsonElement>> ReceiptsAsync(string pageArn) =>
        await AllAsync("ListPageReceipts", $"\"PageId\":\"{pageArn}\"", "Receipts");

    async Task<List<JsonElement>> AllAsync(string operation, string input, string member)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var json = token is null ? $"{{{input}}}" : $"{{{input},\"NextToken\":\"{token}\"}}";
            var result = await client.OkAsync(operation, json);
            items.AddRange(result.GetProperty(member).EnumerateArray());
            token = result.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        return items;
    }

    /// The ARN of the one page of the engagement sent to the channel (its receipts name it).
    public async Task<string> PageOfAsync(string engagementArn, Channel channel)
    {
        var found = await PagesOnChannelAsync(engagementArn, channel);
        return Assert.Single(found);
    }

    public async Task<List<string>> PagesOnChannelAsync(string engagementArn, Channel channel)
    {
        var found = new List<string>();
        foreach (var page in await PagesAsync(engagementArn))
        {
            var arn = page.GetProperty("PageArn").GetString()!;
            var receipts = await ReceiptsAsync(arn);
            if (receipts.Any(r => r.TryGetProperty("ContactChannelArn", out var c) && c.GetString() == channel.Arn))
            {
                found.Add(arn);
            }
        }
        return found;
    }

    public Task<JsonElement> DescribePageAsync(string pageArn) =>
        client.OkAsync("DescribePage", $$$"""{"PageId":"{{{pageArn}}}"}""");

    /// `TYPE@+minutes[:info]` for each receipt, in the order listed.
    public async Task<List<string>> ReceiptLinesAsync(string pageArn, long t0, bool withInfo = false)
    {
        var lines = new List<string>();
        foreach (var r in await ReceiptsAsync(pageArn))
        {
            var at = Ms(r.GetProperty("ReceiptTime")) - t0;
            var when = at % Minute == 0 ? $"+{at / Minute}" : $"+{at}ms";
            var type = r.GetProperty("ReceiptType").GetString();
            var info = withInfo && type is not "SENT" && r.TryGetProperty("ReceiptInfo", out var i) ? ":" + i.GetString() : "";
            lines.Add($"{type}@{when}{info}");
        }
        return lines;
    }

    public Task<ApiResponse> AcceptAsync(string pageArn, string type, string code, string extra = "") =>
        client.CallAsync("AcceptPage", $$$"""{"PageId":"{{{pageArn}}}","AcceptType":"{{{type}}}","AcceptCode":"{{{code}}}"{{{extra}}}}""");

    /// READ with the code from the outbox, checked (ENFORCE), naming the page's channel.
    public async Task ReadAsync(string pageArn, Channel channel)
    {
        var code = await CodeForAsync(channel);
        var response = await AcceptAsync(pageArn, "READ", code, $$$""","AcceptCodeValidation":"ENFORCE","ContactChannelId":"{{{channel.Arn}}}" """);
        Assert.True(response.Status == 200, "AcceptPage READ failed: " + response.Text);
    }
}
