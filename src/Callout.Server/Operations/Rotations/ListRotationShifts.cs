using Callout.Domain.Arns;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;
using NodaTime;

namespace Callout.Server.Operations.Rotations;

/// Shifts in [StartTime (default now), EndTime), clipped, nothing before the rotation's start.
/// A NextToken carries the query's start, so later calls may leave StartTime out; one that sends
/// a different StartTime gets ValidationException (docs/spec/rotations.md §3.1).
sealed class ListRotationShifts(IStore store, CursorTokens tokens) : IOperation<ListRotationShiftsRequest, ListRotationShiftsResult>
{
    public async Task<ListRotationShiftsResult> HandleAsync(ListRotationShiftsRequest request, RequestContext context, CancellationToken ct)
    {
        var to = Times.Of(request.EndTime)!.Value;
        var filters = request.RotationId + "\n" + ShiftSlices.Key(to);
        var cursor = tokens.Open(request.NextToken, context.Operation, filters, request.MaxResults);
        Instant? after = null;
        var from = Times.Of(request.StartTime) ?? context.Now();
        if (cursor.After is { } key)
        {
            var bar = key.IndexOf('|', StringComparison.Ordinal);
            after = ShiftSlices.Start(key[..bar]);
            var tokenFrom = ShiftSlices.Start(key[(bar + 1)..])!.Value;
            if (request.StartTime is not null && Times.Of(request.StartTime) != tokenFrom)
            {
                throw new Domain.Errors.InvalidRequest("Invalid NextToken: StartTime differs from the request the token came from.", "nextToken");
            }
            from = tokenFrom;
        }
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, context.Scope(), ct);
        var lo = Instant.Max(after ?? from, rotation.StartTime);
        var overrides = lo < to ? await session.ListOverridesAsync(rotation.Id, lo, to, ct) : [];
        var scope = rotation.Arn.Scope;
        var (shifts, next) = lo >= to && to > from
            ? ([], null)
            : ShiftSlices.Take(RotationLookups.Plan(rotation), overrides, lo, to, cursor.Size,
                alias => [ResourceArn.Contact(scope, alias).ToString()],
                at => cursor.Next(ShiftSlices.Key(at) + "|" + ShiftSlices.Key(from)));
        return new ListRotationShiftsResult { RotationShifts = shifts, NextToken = next };
    }
}
