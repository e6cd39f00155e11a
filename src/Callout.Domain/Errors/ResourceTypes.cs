namespace Callout.Domain.Errors;

/// AWS does not document ResourceType values; these are ours (docs/spec/protocol.md §3).
public static class ResourceTypes
{
    public const string Contact = "CONTACT";
    public const string ContactChannel = "CONTACT_CHANNEL";
    public const string Engagement = "ENGAGEMENT";
    public const string Page = "PAGE";
    public const string Rotation = "ROTATION";
    public const string RotationOverride = "ROTATION_OVERRIDE";
    public const string ResourcePolicy = "RESOURCE_POLICY";
    public const string CalendarFeed = "CALENDAR_FEED";
    public const string ReplicationSet = "REPLICATION_SET";
    public const string IncidentRecord = "INCIDENT_RECORD";
    public const string TimelineEvent = "TIMELINE_EVENT";
    public const string ResponsePlan = "RESPONSE_PLAN";
    public const string AlertSource = "ALERT_SOURCE";
}
