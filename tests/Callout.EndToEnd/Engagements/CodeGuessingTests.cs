using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Engagements;

/// docs/security.md, Codes: a code is burned after 5 wrong tries, and an account's wrong tries
/// (20 at once, one more a minute) are throttled, so a six-digit code cannot be guessed.
public sealed class CodeGuessingTests(VirtualClockFixture fixture) : IClassFixture<VirtualClockFixture>
{
    static string Other(string code) => code == "000000" ? "111111" : "000000";

    static Task<ApiResponse> ActivateAsync(Paging p, Channel channel, string code) =>
        p.Client.CallAsync("ActivateContactChannel", $$$"""{"ContactChannelId":"{{{channel.Arn}}}","ActivationCode":"{{{code}}}"}""");

    static async Task<string> StatusAsync(Paging p, Channel channel) =>
        (await p.Client.OkAsync("GetContactChannel", $$$"""{"ContactChannelId":"{{{channel.Arn}}}"}""")).GetProperty("ActivationStatus").GetString()!;

    static async Task<Channel> SmsAsync(Paging p, Person person, int n)
    {
        var address = "+1555" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var arn = (await p.Client.OkAsync("CreateContactChannel", $$$"""
            {"ContactId":"{{{person.Arn}}}","Name":"sms {{{n}}}","Type":"SMS","DeliveryAddress":{"SimpleAddress":"{{{address}}}"}}
            """)).GetProperty("ContactChannelArn").GetString()!;
        return new Channel(arn, "SMS", address, person.Alias);
    }

    const string Enforce = ""","AcceptCodeValidation":"ENFORCE" """;

    [Fact]
    public async Task an_activation_code_is_burned_after_five_wrong_tries_until_a_new_one_is_sent()
    {
        var p = fixture.NewPaging();
        var sms = (await p.PersonAsync("akuam", activate: false, "SMS"))["SMS"];
        var code = await p.ActivationCodeAsync(sms.Address);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await ActivateAsync(p, sms, Other(code));
            Assert.Equal("ValidationException", wrong.Type);
        }
        var burned = await ActivateAsync(p, sms, code);
        Assert.Equal(400, burned.Status);
        Assert.Equal("ValidationException", burned.Type);
        Assert.Contains("SendActivationCode", burned.Message, StringComparison.Ordinal);
        Assert.Equal("NOT_ACTIVATED", await StatusAsync(p, sms));

        await p.Client.OkAsync("SendActivationCode", $$$"""{"ContactChannelId":"{{{sms.Arn}}}"}""");
        var fresh = await p.ActivationCodeAsync(sms.Address);
        if (fresh != code)
        {
            Assert.Equal("ValidationException", (await ActivateAsync(p, sms, code)).Type);
        }
        Assert.Equal(200, (await ActivateAsync(p, sms, fresh)).Status);
        Assert.Equal("ACTIVATED", await StatusAsync(p, sms));
    }

    [Fact]
    public async Task many_wrong_activation_codes_throttle_the_account_even_for_the_right_code_until_time_passes()
    {
        var p = fixture.NewPaging();
        var person = await p.PersonAsync("akuam", activate: false, "EMAIL");
        var guessed = new List<Channel>();
        for (var n = 0; n < 4; n++)
        {
            guessed.Add(await SmsAsync(p, person, n));
        }
        foreach (var channel in guessed)
        {
            var code = await p.ActivationCodeAsync(channel.Address);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal("ValidationException", (await ActivateAsync(p, channel, Other(code))).Type);
            }
        }
        var email = person["EMAIL"];
        var right = await p.ActivationCodeAsync(email.Address);

        var throttled = await ActivateAsync(p, email, right);
        Assert.Equal(400, throttled.Status);
        Assert.Equal("ThrottlingException", throttled.Type);
        Assert.True(throttled.Json.GetProperty("RetryAfterSeconds").GetInt32() is > 0 and <= 60, throttled.Text);
        Assert.Equal("NOT_ACTIVATED", await StatusAsync(p, email));

        // Another account is not held back by this one's guesses.
        var other = fixture.NewPaging();
        var theirs = (await other.PersonAsync("alejr", activate: false, "EMAIL"))["EMAIL"];
        Assert.Equal("ValidationException", (await ActivateAsync(other, theirs, Other(await other.ActivationCodeAsync(theirs.Address)))).Type);

        await p.AdvanceAsync(60);
        Assert.Equal(200, (await ActivateAsync(p, email, right)).Status);
        Assert.Equal("ACTIVATED", await StatusAsync(p, email));
    }

    [Fact]
    public async Task an_accept_code_enforced_is_burned_after_five_wrong_tries()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var (engagement, t0) = await p.StartAtNowAsync(akuam.Arn);
        var email = await p.PageOfAsync(engagement, akuam["EMAIL"]);
        var code = await p.CodeForAsync(akuam["EMAIL"]);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("ValidationException", (await p.AcceptAsync(email, "READ", Other(code), Enforce)).Type);
        }
        var burned = await p.AcceptAsync(email, "READ", code, Enforce);
        Assert.Equal(400, burned.Status);
        Assert.Equal("ValidationException", burned.Type);
        Assert.Contains("no longer works", burned.Message, StringComparison.Ordinal);
        Assert.Equal(["SENT@+0"], await p.ReceiptLinesAsync(email, t0));
        Assert.Null(await p.StopTimeAsync(engagement));
    }

    [Fact]
    public async Task many_wrong_accept_codes_throttle_the_account_even_for_the_right_code_until_time_passes()
    {
        var p = fixture.NewPaging();
        var akuam = await p.PersonWithPlanAsync("akuam");
        var pages = new List<(string Page, string Code)>();
        for (var i = 0; i < 5; i++)
        {
            var (engagement, _) = await p.StartAtNowAsync(akuam.Arn);
            pages.Add((await p.PageOfAsync(engagement, akuam["EMAIL"]), await p.CodeForAsync(akuam["EMAIL"])));
            // The outbox orders messages by time: each page's message is then the newest when read.
            await p.AdvanceAsync(1);
        }
        foreach (var (page, code) in pages.Take(4))
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal("ValidationException", (await p.AcceptAsync(page, "READ", Other(code), Enforce)).Type);
            }
        }
        var (last, right) = pages[4];

        var throttled = await p.AcceptAsync(last, "READ", right, Enforce);
        Assert.Equal(400, throttled.Status);
        Assert.Equal("ThrottlingException", throttled.Type);
        Assert.Null(Paging.OptionalMs(await p.DescribePageAsync(last), "ReadTime"));

        await p.AdvanceAsync(60);
        Assert.Equal(200, (await p.AcceptAsync(last, "READ", right, Enforce)).Status);
        Assert.NotNull(Paging.OptionalMs(await p.DescribePageAsync(last), "ReadTime"));
    }
}
