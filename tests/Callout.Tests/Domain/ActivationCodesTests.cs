using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Errors;
using NodaTime;
using Xunit;

namespace Callout.Tests.Domain;

public sealed class ActivationCodesTests
{
    static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 12, 0);

    static ContactChannel Channel() => new(
        ResourceArn.Channel(AccountScope.For("us-east-1", "111122223333"), "akuam", "fc7405c4-0000-0000-0000-000000000000"),
        "akuam", "sms", ChannelKind.Sms, "+15005550199", false, null, null, [], Now);

    [Fact]
    public void a_code_is_six_digits() => Assert.Matches("^[0-9]{6}$", ActivationCodes.NewCode());

    [Fact]
    public void only_the_stored_code_matches_and_only_until_it_expires()
    {
        var channel = Channel();
        channel = channel with { ActivationCodeHash = ActivationCodes.Hash(channel, "466136"), ActivationCodeExpires = Now + Duration.FromHours(24) };
        Assert.True(ActivationCodes.Matches(channel, "466136", Now));
        Assert.False(ActivationCodes.Matches(channel, "466137", Now));
        Assert.False(ActivationCodes.Matches(channel, "466136", Now + Duration.FromHours(24)));
    }

    [Fact]
    public void the_same_code_hashes_differently_for_another_channel()
    {
        var a = Channel();
        var b = a with { Arn = ResourceArn.Channel(a.Arn.Scope, "akuam", "other") };
        Assert.NotEqual(ActivationCodes.Hash(a, "123456"), ActivationCodes.Hash(b, "123456"));
    }

    [Fact]
    public void sends_beyond_the_hourly_limit_are_refused_and_older_ones_forgotten()
    {
        var limits = new ServiceLimits();
        var channel = Channel();
        for (var i = 0; i < limits.ActivationCodesPerHour; i++)
        {
            channel = channel with { ActivationCodesSent = ActivationCodes.RecordSend(channel, Now + Duration.FromMinutes(i), limits) };
        }
        Assert.Throws<QuotaExceeded>(() => ActivationCodes.RecordSend(channel, Now + Duration.FromMinutes(10), limits));
        var anHourLater = ActivationCodes.RecordSend(channel, Now + Duration.FromMinutes(61), limits);
        // The sends at minutes 0 and 1 are more than an hour old at minute 61; 2, 3 and 4 remain, plus this one.
        Assert.Equal([Now + Duration.FromMinutes(2), Now + Duration.FromMinutes(3), Now + Duration.FromMinutes(4), Now + Duration.FromMinutes(61)], anHourLater);
    }

    [Theory]
    [InlineData(ChannelKind.Sms, "+15005550199", true)]
    [InlineData(ChannelKind.Voice, "+442071838750", true)]
    [InlineData(ChannelKind.Sms, "15005550199", false)]
    [InlineData(ChannelKind.Sms, "+1234567890123456", false)]
    [InlineData(ChannelKind.Email, "akua@example.com", true)]
    [InlineData(ChannelKind.Email, "akua@localhost", false)]
    [InlineData(ChannelKind.Email, "akua example@example.com", false)]
    public void addresses_are_checked_per_channel_type(ChannelKind kind, string address, bool valid)
    {
        var error = Record.Exception(() => ChannelRules.CheckAddress(kind, address));
        Assert.Equal(valid, error is null);
    }
}
