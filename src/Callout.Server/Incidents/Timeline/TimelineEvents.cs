using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Protocol.Incidents;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Mapping;

namespace Callout.Server.Incidents.Timeline;

/// What the timeline operations share: the event types a caller may write, and how an event
/// reads on the wire.
static class TimelineEvents
{
    /// The model: "The types of events that you can add to the timeline: Custom Event, Note".
    /// Callout's own types (CalloutEvents) are refused, so a caller cannot forge them.
    public static void CheckType(string type, string field)
    {
        if (type is not ("Custom Event" or "Note"))
        {
            throw new InvalidRequest($"Event type '{type}' cannot be written; the types a caller can write are 'Custom Event' and 'Note'.", field);
        }
    }

    public static ResourceNotFound NotFound(string incidentArn, string eventId) =>
        new(eventId, ResourceTypes.TimelineEvent, $"Timeline event {eventId} of incident record {incidentArn} not found.");

    public static string? References(List<EventReference>? references) =>
        ShapeJson.WriteList(references, ShapeWriters.WriteEventReference);

    public static TimelineEvent ToWire(IncidentEvent e, string incidentArn) => new()
    {
        EventData = e.EventData,
        EventId = e.EventId,
        EventReferences = ShapeJson.Read(e.ReferencesJson, ShapeReaders.ReadEventReferenceList),
        EventTime = Times.Of(e.EventTime),
        EventType = e.EventType,
        EventUpdatedTime = Times.Of(e.UpdatedAt),
        IncidentRecordArn = incidentArn,
    };

    public static EventSummary ToSummary(IncidentEvent e, string incidentArn) => new()
    {
        EventId = e.EventId,
        EventReferences = ShapeJson.Read(e.ReferencesJson, ShapeReaders.ReadEventReferenceList),
        EventTime = Times.Of(e.EventTime),
        EventType = e.EventType,
        EventUpdatedTime = Times.Of(e.UpdatedAt),
        IncidentRecordArn = incidentArn,
    };
}
