using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Pagination;
using NodaTime;

namespace Callout.Server.Operations.Rotations;

/// Shifts in [StartTime (default now), EndTime), clipped, nothing before the rotation's start.
/// A page token carries the query's start, so later pages may leave StartTime out; one that sends
/// a different StartTime gets ValidationException (spec/rotations.md §3.1).
sealed class ListRotationShifts(IContactStore store, PageTokens tokens) : IOperation<ListRotationShiftsRequest, ListRotationShiftsResult>
{
    public async Task<ListRotationShiftsResult> HandleAsync(ListRotationShiftsRequest request, RequestContext context, CancellationToken ct)
    {
        var to = Times.Of(request.EndTime)!.Value;
        var filters = request.RotationId + "\n" + ShiftPages.Key(to);
        Instant? cursor = null;
        var from = Times.Of(request.StartTime) ?? context.Now();
        if (tokens.Open(request.NextToken, context.Operation, filters) is { } key)
        {
            var bar = key.IndexOf('|', StringComparison.Ordinal);
            cursor = ShiftPages.Cursor(key[..bar]);
            var tokenFrom = ShiftPages.Cursor(key[(bar + 1)..])!.Value;
            if (request.StartTime is not null && Times.Of(request.StartTime) != tokenFrom)
            {
                throw new Domain.Errors.InvalidRequest("Invalid NextToken: StartTime differs from the request the token came from.", "nextToken");
            }
            from = tokenFrom;
        }
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, context.Scope(), ct);
        var lo = Instant.Max(cursor ?? from, rotation.StartTime);
        var overrides = lo < to ? await session.ListOverridesAsync(rotation.Id, lo, to, ct) : [];
        var scope = rotation.Arn.Scope;
        var (shifts, next) = lo >= to && to > from
            ? ([], null)
            : ShiftPages.Page(RotationLookups.Plan(rotation), overrides, lo, to, PageSize.Of(request.MaxResults),
                alias => [ResourceArn.Contact(scope, alias).ToString()],
                at => tokens.Issue(context.Operation, filters, ShiftPages.Key(at) + "|" + ShiftPages.Key(from)));
        return new ListRotationShiftsResult { RotationShifts = shifts, NextToken = next };
    }
}
