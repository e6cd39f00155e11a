using System.Text.Json;

namespace Callout.Server.WebConsole.Pages.ResponsePlans;

/// Ready configurations for a new integration, in the senders' own forms (README, "Alerts"):
/// Alertmanager's webhook receiver, Grafana's webhook contact point, an SNS subscription, a PagerDuty
/// Events v2 sender and curl. Only those that fit the integration's format are offered. Values are
/// quoted as YAML/JSON/shell strings so a URL or secret cannot break the snippet.
static class IntegrationSnippets
{
    static readonly string[] NoTopic = ["TOPIC_ARN"];

    public static IReadOnlyList<(string Title, string Text)> For(CreatedIntegration created)
    {
        var bearerUrl = created.BearerUrl ?? created.Url;
        var key = Yaml(created.Key);
        return created.Format switch
        {
            "ALERTMANAGER" =>
            [
                ("Alertmanager (alertmanager.yml)", $"""
                    receivers:
                      - name: callout
                        webhook_configs:
                          - url: {Yaml(bearerUrl)}
                            http_config:
                              authorization:
                                type: Bearer
                                credentials: {key}
                            send_resolved: true
                    """),
            ],
            "GRAFANA" =>
            [
                ("Grafana contact point (provisioning YAML)", string.Join("\n", new[]
                {
                    "apiVersion: 1",
                    "contactPoints:",
                    "  - orgId: 1",
                    "    name: callout",
                    "    receivers:",
                    "      - uid: callout-webhook",
                    "        type: webhook",
                    "        settings:",
                    "          url: " + Yaml(bearerUrl),
                    "          httpMethod: POST",
                    "          authorization_scheme: Bearer",
                    "          authorization_credentials: " + key,
                }.Concat(created.GrafanaHmacSecret is { } secret
                    ? new[]
                    {
                        "          hmacConfig:",
                        "            secret: " + Yaml(secret),
                        "            header: X-Grafana-Alerting-Signature",
                        "            timestampHeader: X-Grafana-Alerting-Signature-Timestamp",
                    }
                    : Array.Empty<string>()))),
            ],
            "SNS" =>
            [
                ("SNS subscription endpoint", created.Url),
                ("AWS CLI", string.Join("\n", (created.SnsTopicArns.Count > 0 ? created.SnsTopicArns : NoTopic).Select(topic =>
                    $"aws sns subscribe --topic-arn {Shell(topic)} --protocol https --notification-endpoint {Shell(created.Url)}"))),
            ],
            "PAGERDUTY" =>
            [
                ("Alertmanager (pagerduty_configs)", $"""
                    receivers:
                      - name: callout-pagerduty
                        pagerduty_configs:
                          - routing_key: {key}
                            url: {Yaml(created.Url)}
                            send_resolved: true
                    """),
            ],
            _ =>
            [
                ("curl", $"""
                    curl -s {Shell(bearerUrl)} -H {Shell("Authorization: Bearer " + created.Key)} \
                      -H 'Content-Type: application/json' \
                      -d '{"{"}"dedupKey":"db-1/disk","title":"Disk full on db-1","impact":2{"}"}'
                    """),
            ],
        };
    }

    /// A JSON string is a YAML double-quoted scalar.
    static string Yaml(string value) => JsonSerializer.Serialize(value);

    static string Shell(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
