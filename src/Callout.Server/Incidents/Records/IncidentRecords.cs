using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;

namespace Callout.Server.Incidents.Records;

/// What the incident operations share: finding an incident by the ARN a caller gave, and how an
/// incident reads on the wire.
static class IncidentRecords
{
    /// The caller's incident that `arn` names exactly; null for an unknown incident, another
    /// account's, or an ARN naming the right id under the wrong plan.
    public static async Task<Incident?> FindAsync(IStoreSession session, RequestContext context, string arn, CancellationToken ct)
    {
        var scope = context.Scope();
        if (IncidentArns.IncidentId(scope, arn) is not { } id || await session.FindIncidentAsync(id, ct) is not { } incident)
        {
            return null;
        }
        return IncidentArns.Incident(scope, incident.PlanName, incident.Id) == arn ? incident : null;
    }

    public static async Task<Incident> RequireAsync(IStoreSession session, RequestContext context, string arn, CancellationToken ct) =>
        await FindAsync(session, context, arn, ct) ?? throw NotFound(arn);

    public static ResourceNotFound NotFound(string arn) =>
        new(arn, ResourceTypes.IncidentRecord, $"Incident record {arn} not found.");

    public static IncidentRecord ToWire(Incident incident, string arn) => new()
    {
        Arn = arn,
        ChatChannel = ShapeJson.Read(incident.ChatChannelJson, ShapeReaders.ReadChatChannel),
        CreationTime = Times.Of(incident.CreatedAt),
        DedupeString = incident.DedupeString,
        Impact = incident.Impact,
        IncidentRecordSource = Source(incident),
        LastModifiedBy = incident.LastModifiedBy,
        LastModifiedTime = Times.Of(incident.LastModifiedAt),
        NotificationTargets = ShapeJson.Read(incident.NotificationTargetsJson, ShapeReaders.ReadNotificationTargetSet),
        ResolvedTime = Times.Of(incident.ResolvedAt),
        Status = IncidentStarter.StatusText(incident.Status),
        Summary = incident.Summary,
        Title = incident.Title,
    };

    public static IncidentRecordSummary ToSummary(Incident incident, string arn) => new()
    {
        Arn = arn,
        CreationTime = Times.Of(incident.CreatedAt),
        Impact = incident.Impact,
        IncidentRecordSource = Source(incident),
        ResolvedTime = Times.Of(incident.ResolvedAt),
        Status = IncidentStarter.StatusText(incident.Status),
        Title = incident.Title,
    };

    static IncidentRecordSource Source(Incident incident) => new()
    {
        CreatedBy = incident.Source.CreatedBy,
        InvokedBy = incident.Source.InvokedBy,
        ResourceArn = incident.Source.ResourceArn,
        Source = incident.Source.Source,
    };
}
