using Callout.Server.WebConsole.Pages.ResponsePlans;

using Xunit;

namespace Callout.Tests.Console;

/// The configurations shown for a new integration carry its values as quoted strings, so a key,
/// URL or secret holding quotes or line breaks cannot add settings of its own.
public sealed class IntegrationSnippetsTests
{
    static CreatedIntegration Grafana(string secret) => new("g", "GRAFANA", "k3y", "https://callout.example.com/_callout/alerts/grafana/k3y",
        "https://callout.example.com/_callout/alerts/grafana", secret, []);

    [Fact]
    public void an_alertmanager_snippet_sends_the_key_as_a_bearer_token_to_the_address_without_it()
    {
        var (title, text) = Assert.Single(new CreatedIntegration("p", "ALERTMANAGER", "k3y", "https://c/_callout/alerts/alertmanager/k3y",
            "https://c/_callout/alerts/alertmanager", null, []).Snippets);
        Assert.StartsWith("Alertmanager", title, StringComparison.Ordinal);
        Assert.Contains("url: \"https://c/_callout/alerts/alertmanager\"\n", text, StringComparison.Ordinal);
        Assert.Contains("type: Bearer\n", text, StringComparison.Ordinal);
        Assert.Contains("credentials: \"k3y\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/k3y", text, StringComparison.Ordinal);
    }

    [Fact]
    public void a_grafana_secret_with_quotes_and_line_breaks_stays_one_quoted_value()
    {
        var (_, text) = Assert.Single(Grafana("0123456789abcdef\"\n  url: http://evil/").Snippets);
        Assert.Contains("secret: \"0123456789abcdef\\u0022\\n  url: http://evil/\"", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.TrimStart().StartsWith("url:", StringComparison.Ordinal));
    }

    [Fact]
    public void a_grafana_snippet_has_hmac_settings_only_when_the_source_has_a_secret()
    {
        Assert.DoesNotContain("hmacConfig", Assert.Single(new CreatedIntegration("g", "GRAFANA", "k", "u", "b", null, []).Snippets).Text, StringComparison.Ordinal);
        Assert.Contains("hmacConfig", Assert.Single(Grafana("0123456789abcdef").Snippets).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void an_sns_snippet_subscribes_each_topic_with_shell_quoted_words()
    {
        var snippets = new CreatedIntegration("s", "SNS", "k", "https://c/_callout/alerts/sns/k'x", null, null,
            ["arn:aws:sns:us-east-1:111122223333:a", "arn:aws:sns:us-east-1:111122223333:b"]).Snippets;
        var cli = snippets.Single(s => s.Title == "AWS CLI").Text.Split('\n');
        Assert.Equal(2, cli.Length);
        Assert.All(cli, line => Assert.EndsWith("--notification-endpoint 'https://c/_callout/alerts/sns/k'\\''x'", line, StringComparison.Ordinal));
        Assert.Contains("--topic-arn 'arn:aws:sns:us-east-1:111122223333:b'", cli[1], StringComparison.Ordinal);
    }
}
