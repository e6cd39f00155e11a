using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Incidents.Shapes;
using Callout.Server.Api;
using Callout.Server.Incidents.Records;
using Callout.Server.Listing;
using NodaTime;

namespace Callout.Server.Incidents.Timeline;

/// An incident's timeline, filtered on eventTime (before/after) and eventType (equals), sorted by
/// event time (ASCENDING unless told otherwise, docs/decisions.md), paged by a sealed nextToken
/// bound to the filters and sort. The model lists no ResourceNotFoundException: an absent
/// incident has an empty timeline.
sealed class ListTimelineEvents(IStore store, CursorTokens tokens) : IOperation<ListTimelineEventsInput, ListTimelineEventsOutput>
{
    public async Task<ListTimelineEventsOutput> HandleAsync(ListTimelineEventsInput request, RequestContext context, CancellationToken ct)
    {
        var keep = Filter(request.Filters);
        var descending = request.SortOrder == "DESCENDING";
        var cursor = tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var incident = await IncidentRecords.FindAsync(session, context, request.IncidentRecordArn, ct);
        var events = incident is null ? [] : await session.ListIncidentEventsAsync(incident.Id, ct);
        IEnumerable<IncidentEvent> ordered = descending
            ? events.OrderByDescending(e => e.EventTime).ThenByDescending(e => e.EventId, StringComparer.Ordinal)
            : events;
        if (TimeKeys.Parse(cursor.After) is var (afterTime, afterId))
        {
            ordered = ordered.Where(e => Compare(e, afterTime, afterId) * (descending ? -1 : 1) > 0);
        }
        var rows = ordered.Where(keep).Take(cursor.Fetch).ToList();
        var slice = cursor.Take(rows, e => TimeKeys.Of(e.EventTime, e.EventId));
        return new()
        {
            EventSummaries = slice.Items.Select(e => TimelineEvents.ToSummary(e, request.IncidentRecordArn)).ToList(),
            NextToken = slice.NextToken,
        };
    }

    static int Compare(IncidentEvent e, Instant time, string id)
    {
        var byTime = e.EventTime.CompareTo(time);
        return byTime != 0 ? byTime : string.CompareOrdinal(e.EventId, id);
    }

    static Func<IncidentEvent, bool> Filter(IReadOnlyList<Filter>? filters)
    {
        var tests = new List<Func<IncidentEvent, bool>>();
        foreach (var (filter, i) in (filters ?? []).Select((f, i) => (f, i)))
        {
            var field = $"filters.{i}";
            switch (filter.Key)
            {
                case "eventTime":
                    var after = IncidentFilters.After(filter.Condition, field);
                    var before = IncidentFilters.Before(filter.Condition, field);
                    tests.Add(e => (after is null || e.EventTime > after) && (before is null || e.EventTime < before));
                    break;
                case "eventType":
                    var types = IncidentFilters.Equal(filter.Condition, field, v => v.StringValues, "stringValues").ToHashSet(StringComparer.Ordinal);
                    tests.Add(e => types.Contains(e.EventType));
                    break;
                default:
                    throw new InvalidRequest($"Unknown filter key '{filter.Key}'; ListTimelineEvents filters on eventTime and eventType.", field + ".key");
            }
        }
        return e => tests.TrueForAll(t => t(e));
    }
}
