using System.Text;

namespace Callout.Tests.Alerts;

/// Bodies as the senders write them (Alertmanager notify/webhook Message, version 4; Grafana
/// receivers/webhook/v1 webhookMessage, version 1; Alertmanager's and Grafana's PagerDuty
/// pagerDutyMessage), for the parser tests.
static class AlertBodies
{
    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    public static string Alertmanager(string status = "firing", string groupKey = "{}:{alertname=\"HighLatency\"}") => $$"""
        {
          "receiver": "callout",
          "status": "{{status}}",
          "alerts": [
            {
              "status": "{{status}}",
              "labels": {"alertname": "HighLatency", "instance": "api-1:9100", "severity": "warning"},
              "annotations": {"summary": "p99 above 2s"},
              "startsAt": "2026-12-06T10:00:05.123Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus:9090/graph?g0.expr=latency",
              "fingerprint": "c4b1a9d2e3f40516"
            },
            {
              "status": "{{status}}",
              "labels": {"alertname": "HighLatency", "instance": "api-2:9100", "severity": "critical"},
              "annotations": {"summary": "p99 above 2s"},
              "startsAt": "2026-12-06T10:00:00Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus:9090/graph?g0.expr=latency",
              "fingerprint": "d5c2b0e3f4a51627"
            }
          ],
          "groupLabels": {"alertname": "HighLatency"},
          "commonLabels": {"alertname": "HighLatency"},
          "commonAnnotations": {"summary": "p99 above 2s"},
          "externalURL": "http://alertmanager:9093",
          "version": "4",
          "groupKey": "{{groupKey.Replace("\"", "\\\"", StringComparison.Ordinal)}}",
          "truncatedAlerts": 0
        }
        """;

    public static string Grafana(string status = "firing") => $$"""
        {
          "receiver": "callout",
          "status": "{{status}}",
          "orgId": 1,
          "alerts": [
            {
              "status": "{{status}}",
              "labels": {"grafana_folder": "api", "team": "web"},
              "annotations": {},
              "startsAt": "2026-12-06T10:00:00Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://grafana:3000/alerting/grafana/abc/view",
              "fingerprint": "57c6d9296de2ad39",
              "silenceURL": "http://grafana:3000/alerting/silence/new",
              "dashboardURL": "",
              "panelURL": "",
              "values": {"B": 22, "C": 1},
              "valueString": "[ var='B' labels={} value=22 ]"
            }
          ],
          "groupLabels": {"grafana_folder": "api"},
          "commonLabels": {"grafana_folder": "api", "team": "web"},
          "commonAnnotations": {},
          "externalURL": "http://grafana:3000/",
          "version": "1",
          "groupKey": "{}/{team=\"web\"}:{grafana_folder=\"api\"}",
          "truncatedAlerts": 0,
          "title": "[FIRING:1] api (web)",
          "state": "alerting",
          "message": "**Firing**\nValue: B=22"
        }
        """;

    public static string PagerDuty(string key, string action = "trigger", string? dedupKey = "3b4a5e1b3c1f8a6d", string severity = "critical") => $$"""
        {
          "routing_key": "{{key}}",
          {{(dedupKey is null ? "" : $"\"dedup_key\": \"{dedupKey}\",")}}
          "event_action": "{{action}}",
          "payload": {
            "summary": "[FIRING:1] DiskFull (db-1)",
            "source": "prometheus",
            "severity": "{{severity}}",
            "custom_details": {"firing": "Labels: alertname = DiskFull"}
          },
          "client": "Alertmanager",
          "client_url": "http://alertmanager:9093/#/alerts?receiver=pd",
          "links": [{"href": "http://alertmanager:9093", "text": "External URL"}]
        }
        """;
}
