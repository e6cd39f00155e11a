using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Protocol.Incidents.Shapes;
using NodaTime;

namespace Callout.Server.Incidents.Records;

/// ListIncidentRecords' filters (model: creationTime and resolvedTime with before/after; impact,
/// status and createdBy with equals). Several filters all apply: bounds tighten and equals lists
/// intersect. A filter with another key, condition or value type is a ValidationException that
/// names it.
static class IncidentFilters
{
    public static IncidentQuery Read(IReadOnlyList<Filter>? filters)
    {
        var query = new IncidentQuery();
        foreach (var (filter, i) in (filters ?? []).Select((f, i) => (f, i)))
        {
            var field = $"filters.{i}";
            var condition = filter.Condition;
            query = filter.Key switch
            {
                "creationTime" => query with
                {
                    CreatedAfter = Later(query.CreatedAfter, After(condition, field)),
                    CreatedBefore = Earlier(query.CreatedBefore, Before(condition, field)),
                },
                "resolvedTime" => query with
                {
                    ResolvedAfter = Later(query.ResolvedAfter, After(condition, field)),
                    ResolvedBefore = Earlier(query.ResolvedBefore, Before(condition, field)),
                },
                "impact" => query with { Impacts = Intersect(query.Impacts, Equal(condition, field, v => v.IntegerValues, "integerValues")) },
                "status" => query with
                {
                    Statuses = Intersect(query.Statuses, Equal(condition, field, v => v.StringValues, "stringValues").Select(s => s switch
                    {
                        "OPEN" => IncidentStatus.Open,
                        "RESOLVED" => IncidentStatus.Resolved,
                        _ => throw new InvalidRequest($"Filter status takes OPEN or RESOLVED, not '{s}'.", field + ".condition.equals"),
                    }).ToList()),
                },
                "createdBy" => query with { CreatedBy = Intersect(query.CreatedBy, Equal(condition, field, v => v.StringValues, "stringValues")) },
                _ => throw new InvalidRequest(
                    $"Unknown filter key '{filter.Key}'; ListIncidentRecords filters on creationTime, resolvedTime, impact, status and createdBy.",
                    field + ".key"),
            };
        }
        return query;
    }

    public static Instant? After(Condition condition, string field) =>
        condition.EqualsValue is not null
            ? throw new InvalidRequest("A time filter takes a before or after condition, not equals.", field + ".condition")
            : condition.After is { } after ? Instant.FromDateTimeOffset(after) : null;

    public static Instant? Before(Condition condition, string field) =>
        condition.Before is { } before ? Instant.FromDateTimeOffset(before) : null;

    public static List<T> Equal<T>(Condition condition, string field, Func<AttributeValueList, List<T>?> values, string member) =>
        condition.EqualsValue is { } list && values(list) is { } found
            ? found
            : throw new InvalidRequest($"This filter takes an equals condition with {member}.", field + ".condition");

    static Instant? Later(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Max(a.Value, b.Value);

    static Instant? Earlier(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);

    static List<T> Intersect<T>(IReadOnlyCollection<T>? current, List<T> given) =>
        current is null ? given.Distinct().ToList() : current.Intersect(given).ToList();
}
