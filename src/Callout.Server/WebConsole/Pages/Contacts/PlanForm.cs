using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Callout.Server.WebConsole.Pages.Contacts;

/// A contact's plan as the editor's form holds it. Numbers stay text so what the person typed is
/// shown again beside the operation's refusal; the operation alone judges the values.
sealed class PlanForm
{
    public List<StageForm> Stages { get; set; } = [];
    public List<string> RotationIds { get; set; } = [];

    public static PlanForm From(JsonElement plan) => new()
    {
        Stages = Items(plan, "Stages").Select(StageForm.From).ToList(),
        RotationIds = Items(plan, "RotationIds").Select(r => r.GetString()!).ToList(),
    };

    /// The plan as UpdateContact takes it: stages for people and escalation plans, rotations for
    /// an on-call schedule.
    public JsonObject ToJson(string contactType) => contactType == "ONCALL_SCHEDULE"
        ? new JsonObject { ["RotationIds"] = new JsonArray(RotationIds.Select(r => (JsonNode)r).ToArray()) }
        : new JsonObject { ["Stages"] = new JsonArray(Stages.Select(s => (JsonNode)s.ToJson()).ToArray()) };

    public static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : [];

    /// A whole number as a JSON number; anything else as typed, for the operation to refuse.
    public static JsonNode Number(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(text ?? "");
}

sealed class StageForm
{
    public string? Duration { get; set; }
    public List<TargetForm> Targets { get; set; } = [];

    public static StageForm From(JsonElement stage) => new()
    {
        Duration = stage.TryGetProperty("DurationInMinutes", out var d) ? d.GetRawText() : null,
        Targets = PlanForm.Items(stage, "Targets").Select(TargetForm.From).ToList(),
    };

    public JsonObject ToJson() => new()
    {
        ["DurationInMinutes"] = PlanForm.Number(Duration),
        ["Targets"] = new JsonArray(Targets.Select(t => (JsonNode)t.ToJson()).ToArray()),
    };
}

/// A channel target (a channel ARN and its retry interval) or a contact target (a contact ARN,
/// essential or not).
sealed class TargetForm
{
    public string Kind { get; set; } = Channel;
    public string? Id { get; set; }
    public string? Retry { get; set; }
    public bool Essential { get; set; }

    public const string Channel = "channel";
    public const string Contact = "contact";

    public static TargetForm From(JsonElement target)
    {
        if (target.TryGetProperty("ChannelTargetInfo", out var ch))
        {
            return new TargetForm
            {
                Kind = Channel,
                Id = ch.TryGetProperty("ContactChannelId", out var id) ? id.GetString() : null,
                Retry = ch.TryGetProperty("RetryIntervalInMinutes", out var r) ? r.GetRawText() : null,
            };
        }
        var co = target.TryGetProperty("ContactTargetInfo", out var c) ? c : default;
        return new TargetForm
        {
            Kind = Contact,
            Id = co.ValueKind == JsonValueKind.Object && co.TryGetProperty("ContactId", out var cid) ? cid.GetString() : null,
            Essential = co.ValueKind == JsonValueKind.Object && co.TryGetProperty("IsEssential", out var e) && e.ValueKind == JsonValueKind.True,
        };
    }

    public JsonObject ToJson()
    {
        if (Kind == Contact)
        {
            return new JsonObject { ["ContactTargetInfo"] = new JsonObject { ["ContactId"] = Id ?? "", ["IsEssential"] = Essential } };
        }
        var info = new JsonObject { ["ContactChannelId"] = Id ?? "" };
        if (!string.IsNullOrWhiteSpace(Retry))
        {
            info["RetryIntervalInMinutes"] = PlanForm.Number(Retry.Trim());
        }
        return new JsonObject { ["ChannelTargetInfo"] = info };
    }
}
