using Callout.Domain.Alerts;
using Callout.Domain.Arns;
using Callout.Server.Alerts;
using NodaTime;
using Xunit;

namespace Callout.Tests.Alerts;

public class AlertSourceArnsTests
{
    static readonly AccountScope Scope = AccountScope.For("eu-west-1", "111122223333");

    static AlertSource Source(string id) =>
        new(Scope, id, "prometheus", AlertFormat.Alertmanager, "arn:aws:ssm-incidents::111122223333:response-plan/web", [1], null, [], Instant.FromUnixTimeSeconds(0));

    [Fact]
    public void a_source_arn_names_its_account_region_and_id()
    {
        Assert.Equal("arn:aws:ssm-incidents:eu-west-1:111122223333:alert-source/0193", AlertSourceArns.Of(Source("0193")));
        Assert.Equal("arn:aws-cn:ssm-incidents:cn-north-1:111122223333:alert-source/x",
            AlertSourceArns.For(AccountScope.For("cn-north-1", "111122223333"), "x"));
    }

    [Fact]
    public void the_trigger_arn_is_the_source_arn_and_the_keys_sha256()
    {
        // sha256('{}:{alertname="HighLatency"}'), computed apart from the code under test.
        Assert.Equal("arn:aws:ssm-incidents:eu-west-1:111122223333:alert-source/a/d4061866bc333de2350285b0452a21f78349e3d63b4f06b6c956f64f95d7be36",
            AlertSourceArns.Trigger(Source("a"), """{}:{alertname="HighLatency"}"""));
    }

    [Fact]
    public void trigger_arns_are_stable_per_key_and_apart_per_source_and_key()
    {
        var huge = new string('k', 100_000);
        Assert.Equal(AlertSourceArns.Trigger(Source("a"), "k1"), AlertSourceArns.Trigger(Source("a"), "k1"));
        Assert.NotEqual(AlertSourceArns.Trigger(Source("a"), "k1"), AlertSourceArns.Trigger(Source("a"), "k2"));
        Assert.NotEqual(AlertSourceArns.Trigger(Source("a"), "k1"), AlertSourceArns.Trigger(Source("b"), "k1"));
        Assert.True(AlertSourceArns.Trigger(Source("a"), huge).Length < 200);
    }

    [Fact]
    public void an_id_is_read_from_an_arn_of_the_scope_or_taken_as_is()
    {
        Assert.Equal("abc", AlertSourceArns.IdIn(Scope, "abc"));
        Assert.Equal("abc", AlertSourceArns.IdIn(Scope, "arn:aws:ssm-incidents:eu-west-1:111122223333:alert-source/abc"));
        Assert.Null(AlertSourceArns.IdIn(Scope, "arn:aws:ssm-incidents:us-east-1:111122223333:alert-source/abc"));
        Assert.Null(AlertSourceArns.IdIn(Scope, "arn:aws:ssm-incidents:eu-west-1:444455556666:alert-source/abc"));
        Assert.Null(AlertSourceArns.IdIn(Scope, "arn:aws:ssm-incidents::111122223333:response-plan/web"));
        Assert.Null(AlertSourceArns.IdIn(Scope, "arn:aws:ssm-incidents:eu-west-1:111122223333:alert-source/"));
    }

    [Fact]
    public void each_format_has_its_trigger_source_and_audit_operation()
    {
        Assert.Equal("callout.alertmanager", AlertIntake.TriggerSourceOf(AlertFormat.Alertmanager));
        Assert.Equal("callout.pagerduty", AlertIntake.TriggerSourceOf(AlertFormat.PagerDuty));
        Assert.Equal("callout.grafana", AlertIntake.TriggerSourceOf(AlertFormat.Grafana));
        Assert.Equal("callout.sns", AlertIntake.TriggerSourceOf(AlertFormat.Sns));
        Assert.Equal("callout.generic", AlertIntake.TriggerSourceOf(AlertFormat.Generic));
        Assert.Equal("Alert.Alertmanager", AlertIntake.OperationOf(AlertFormat.Alertmanager));
    }

    [Fact]
    public void a_webhook_source_is_reached_with_its_key_in_the_path_or_as_a_bearer_token()
    {
        var publicUrl = new Uri("https://callout.example.com/oncall/");

        var (url, bearer) = AlertRoutes.For(publicUrl, AlertFormat.Alertmanager, "KEY");
        Assert.Equal("https://callout.example.com/oncall/_callout/alerts/alertmanager/KEY", url.ToString());
        Assert.Equal("https://callout.example.com/oncall/_callout/alerts/alertmanager", bearer?.ToString());

        var (events, none) = AlertRoutes.For(publicUrl, AlertFormat.PagerDuty, "KEY");
        Assert.Equal("https://callout.example.com/oncall/v2/enqueue", events.ToString());
        Assert.Null(none);
        Assert.Equal("https://callout.example.com/oncall/_callout/alerts/sns/KEY", AlertRoutes.For(publicUrl, AlertFormat.Sns, "KEY").Url.ToString());
    }
}
