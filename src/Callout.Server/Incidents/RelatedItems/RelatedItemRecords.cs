using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Protocol.Incidents;
using Callout.Protocol.Incidents.Shapes;
using Callout.Protocol.Validation;
using ShapeReaders = Callout.Protocol.Incidents.ShapeReaders;
using NodaTime;

namespace Callout.Server.Incidents.RelatedItems;

/// Related items as stored: the item's wire JSON under a key naming its identifier (type and
/// value), so a second add of the same identifier is refused and a remove finds it whatever title
/// the caller gave.
static class RelatedItemRecords
{
    public static string KeyOf(ItemIdentifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var value = identifier.Value;
        var (kind, text) = value switch
        {
            { Arn: { } arn } => ("arn", arn),
            { Url: { } url } => ("url", url),
            { MetricDefinition: { } metric } => ("metricDefinition", metric),
            { PagerDutyIncidentDetail: { } pd } => ("pagerDutyIncidentDetail", pd.Id),
            _ => ("", ""),
        };
        return identifier.Type + "|" + kind + "|" + text;
    }

    /// The model's generatedId is the service's to give ("Don't specify this parameter when you
    /// add a RelatedItem"): Callout derives it from the identifier, so it is stable and an event
    /// reference can name the item.
    public static IncidentItem ToStored(string incidentId, RelatedItem item, Instant addedAt)
    {
        var key = KeyOf(item.Identifier);
        var generated = "related-item/" + item.Identifier.Type + "/"
            + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16);
        return new(incidentId, key, ShapeJson.Write(item with { GeneratedId = generated }, ShapeWriters.WriteRelatedItem), addedAt);
    }

    public static RelatedItem FromStored(IncidentItem item) =>
        ShapeJson.Read(item.ItemJson, ShapeReaders.ReadRelatedItem)
            ?? throw new InvalidDataException("A stored related item is empty.");

    /// The related items a start brings (the model's relatedItems, as JSON), in the order given:
    /// each a millisecond after the one before, so they list in that order.
    public static IReadOnlyList<IncidentItem> Parse(string? json, Instant now)
    {
        if (json is null)
        {
            return [];
        }
        List<RelatedItem>? items;
        try
        {
            using var document = JsonDocument.Parse(json);
            var reader = new RequestReader();
            items = ShapeReaders.ReadRelatedItemList(reader, document.RootElement, "relatedItems");
            if (reader.Errors.Count > 0)
            {
                throw new InvalidRequest(reader.Errors[0].Message, "relatedItems");
            }
        }
        catch (JsonException)
        {
            throw new InvalidRequest("relatedItems is not a JSON list of related items.", "relatedItems");
        }
        return (items ?? []).Select((item, i) => ToStored("", item, now + Duration.FromMilliseconds(i))).ToList();
    }
}
