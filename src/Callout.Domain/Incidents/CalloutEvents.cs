using System.Text;
using System.Text.Json;
using NodaTime;

namespace Callout.Domain.Incidents;

/// The timeline events Callout writes itself, in the style of AWS's own (`SSM Incident Record
/// Update`). Their type names are stable: tools may filter on them (docs/incidents.md lists each
/// with its data). Event data is a JSON object, as AWS's events carry; references name the
/// engagement or page the event is about.
public static class CalloutEvents
{
    public const string IncidentCreated = "Callout Incident Created";
    public const string IncidentDeduplicated = "Callout Incident Deduplicated";
    public const string EngagementStarted = "Callout Engagement Started";
    public const string EngagementNotStarted = "Callout Engagement Not Started";
    public const string PageSent = "Callout Page Sent";
    public const string PageAcknowledged = "Callout Page Acknowledged";
    public const string StatusChanged = "Callout Incident Status Changed";

    /// A new event of `type` on the incident at `now`; `fields` become the data object's string
    /// members (null ones are left out), `resources` its references.
    public static IncidentEvent New(string incidentId, string eventId, string type, Instant now,
        IEnumerable<(string Name, string? Value)> fields, params string[] resources) =>
        new(incidentId, eventId, type, Data(fields), References(resources), now, now);

    static string Data(IEnumerable<(string Name, string? Value)> fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (value is not null)
                {
                    w.WriteString(name, value);
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static string? References(string[] resources)
    {
        if (resources.Length == 0)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var resource in resources)
            {
                w.WriteStartObject();
                w.WriteString("resource", resource);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
