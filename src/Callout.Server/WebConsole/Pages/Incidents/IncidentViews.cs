using System.Text.Json;

namespace Callout.Server.WebConsole.Pages.Incidents;

/// An incident as GetIncidentRecord or ListIncidentRecords answers it (model member names).
sealed record IncidentView(string Arn, string Title, string? Summary, string Status, int Impact, DateTimeOffset? Created,
    DateTimeOffset? Resolved, string? CreatedBy, string? Source)
{
    public bool Open => Status == "OPEN";

    public string Href => IncidentLinks.Href(Arn);

    /// Open incidents run until now; resolved ones until they were resolved.
    public TimeSpan Duration(DateTimeOffset now) => (Resolved ?? now) - (Created ?? now);

    /// Impact 1 is critical, 5 no impact (the model's IncidentRecord.impact).
    public string ImpactName => Impact switch
    {
        1 => "1 · critical",
        2 => "2 · high",
        3 => "3 · medium",
        4 => "4 · low",
        5 => "5 · none",
        _ => Impact.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static IncidentView From(JsonElement record)
    {
        var source = record.TryGetProperty("incidentRecordSource", out var s) ? s : default;
        return new(
            WireValues.Text(record, "arn") ?? "",
            WireValues.Text(record, "title") ?? "",
            WireValues.Text(record, "summary"),
            WireValues.Text(record, "status") ?? "",
            WireValues.Integer(record, "impact") ?? 0,
            WireValues.Time(record, "creationTime"),
            WireValues.Time(record, "resolvedTime"),
            source.ValueKind == JsonValueKind.Object ? WireValues.Text(source, "createdBy") : null,
            source.ValueKind == JsonValueKind.Object ? WireValues.Text(source, "source") : null);
    }
}

/// A timeline event with its data: Callout's own events carry a JSON object (docs/incidents.md),
/// shown as its members; anything else a caller wrote is shown as the text it is.
sealed record TimelineEventView(string Id, string Type, DateTimeOffset? Time, string? Data)
{
    public IReadOnlyList<(string Name, string Value)>? Members => ReadMembers(Data);

    public bool IsNote => Type == "Note";

    /// An ARN in event data reads as its resource (`page/ana/01a2…`); the whole ARN is its title.
    public static string Shown(string value)
    {
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return value;
        }
        var at = 0;
        for (var colons = 0; colons < 5 && at >= 0; colons++)
        {
            at = value.IndexOf(':', at + 1);
        }
        return at < 0 ? value : value[(at + 1)..];
    }

    static IReadOnlyList<(string, string)>? ReadMembers(string? data)
    {
        if (data is null || !data.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : json.RootElement.EnumerateObject()
                    .Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
                    .ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
