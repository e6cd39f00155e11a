using System.Text.Json;
using Callout.Domain.Alerts;

namespace Callout.Server.Management.AlertSources;

/// The members an alert source is shown with, at creation and in lists. Neither its key (not
/// kept) nor its Grafana HMAC secret (kept to verify signatures) is ever shown; only whether a
/// secret is set.
static class AlertSourceJson
{
    public static void WriteMembers(Utf8JsonWriter w, AlertSource source)
    {
        w.WriteString("AlertSourceId", source.Id);
        w.WriteString("AlertSourceArn", AlertSourceArns.Of(source));
        w.WriteString("Name", source.Name);
        w.WriteString("Format", AlertFormatNames.Names.Of(source.Format));
        w.WriteString("ResponsePlanArn", source.ResponsePlanArn);
        if (source.Format == AlertFormat.Grafana)
        {
            w.WriteBoolean("GrafanaHmacSecretSet", source.GrafanaHmacSecret is not null);
        }
        if (source.Format == AlertFormat.Sns)
        {
            w.WriteStartArray("SnsTopicArns");
            foreach (var topic in source.SnsTopicArns)
            {
                w.WriteStringValue(topic);
            }
            w.WriteEndArray();
        }
        w.WriteNumber("CreatedTime", source.CreatedAt.ToUnixTimeMilliseconds() / 1000m);
    }
}
