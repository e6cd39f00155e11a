using System.Text;
using System.Text.Json;
using Callout.Protocol.Incidents;
using Callout.Protocol.Incidents.Shapes;
using Callout.Protocol.Validation;
using ShapeReaders = Callout.Protocol.Incidents.ShapeReaders;
using PlanRecords = Callout.Domain.Incidents;

namespace Callout.Server.Incidents.ResponsePlans;

/// A plan between its wire shapes and its record. chatChannel, actions and integrations are kept
/// as the wire JSON the model's own writers make of them, and read back with the model's readers,
/// so they are returned as sent (docs/spec/incidents.md §3: stored, no effect).
static class ResponsePlanShapes
{
    /// An empty summary or dedupe string is none (Terraform's provider sends "" for an unset one),
    /// so no plan dedupes on "" (docs/decisions.md, Response plans).
    public static PlanRecords.IncidentTemplate Template(IncidentTemplate template) => new(
        template.Title,
        template.Impact,
        NoneIfEmpty(template.Summary),
        NoneIfEmpty(template.DedupeString),
        template.IncidentTags ?? new Dictionary<string, string>(),
        Targets(template.NotificationTargets) ?? []);

    /// The SNS topics of the model's NotificationTargetItem union (its one member).
    public static IReadOnlyList<string>? Targets(List<NotificationTargetItem>? items) =>
        items?.Where(i => i.SnsTopicArn is not null).Select(i => i.SnsTopicArn!).ToList();

    public static string? NoneIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// The model's `{"empty": {}}` channel is no channel: nothing is kept and Get leaves it out.
    public static string? ChatChannelJson(ChatChannel? channel) =>
        channel?.ChatbotSns is null ? null : Write(w => ShapeWriters.WriteChatChannel(w, channel));

    /// An empty list is none, as for the chat channel.
    public static string? ActionsJson(List<Protocol.Incidents.Shapes.Action>? actions) =>
        actions is not { Count: > 0 } ? null : Write(w => WriteList(w, actions, ShapeWriters.WriteAction));

    public static string? IntegrationsJson(List<Integration>? integrations) =>
        integrations is not { Count: > 0 } ? null : Write(w => WriteList(w, integrations, ShapeWriters.WriteIntegration));

    public static GetResponsePlanOutput Output(PlanRecords.ResponsePlan plan, string arn) => new()
    {
        Arn = arn,
        Name = plan.Name,
        DisplayName = plan.DisplayName,
        IncidentTemplate = new IncidentTemplate
        {
            Title = plan.Template.Title,
            Impact = plan.Template.Impact,
            Summary = plan.Template.Summary,
            DedupeString = plan.Template.DedupeString,
            IncidentTags = plan.Template.IncidentTags.Count == 0
                ? null
                : plan.Template.IncidentTags.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            NotificationTargets = plan.Template.NotificationTargets.Count == 0
                ? null
                : [.. plan.Template.NotificationTargets.Select(t => new NotificationTargetItem { SnsTopicArn = t })],
        },
        Engagements = plan.Engagements.Count == 0 ? null : [.. plan.Engagements],
        ChatChannel = Read(plan.ChatChannelJson, ShapeReaders.ReadChatChannel),
        Actions = Read(plan.ActionsJson, ShapeReaders.ReadActionsList),
        Integrations = Read(plan.IntegrationsJson, ShapeReaders.ReadIntegrations),
    };

    static void WriteList<T>(Utf8JsonWriter w, List<T> items, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            write(w, item);
        }
        w.WriteEndArray();
    }

    static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static T? Read<T>(string? json, Func<RequestReader, JsonElement, string, T?> read) where T : class
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        var reader = new RequestReader();
        var value = read(reader, document.RootElement.Clone(), "");
        return reader.Errors.Count == 0 ? value : throw new InvalidDataException($"A stored response plan member does not read back: {json}");
    }
}
