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
sealed class ListRotationShifts(IContactStore store, PageTokens tokens) : IOperation<ListRotationShiftsRequest, ListRotationShiftsResult>
{
    public async Task<ListRotationShiftsResult> HandleAsync(ListRotationShiftsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = context.Fingerprint ?? "";
        var cursor = ShiftPages.Cursor(tokens.Open(request.NextToken, context.Operation, filters));
        var from = Times.Of(request.StartTime) ?? context.Now();
        var to = Times.Of(request.EndTime)!.Value;
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, context.Scope(), ct);
        var lo = Instant.Max(cursor ?? from, rotation.StartTime);
        var overrides = lo < to ? await session.ListOverridesAsync(rotation.Id, lo, to, ct) : [];
        var scope = rotation.Arn.Scope;
        var (shifts, next) = lo >= to && to > from
            ? ([], null)
            : ShiftPages.Page(RotationLookups.Plan(rotation), overrides, lo, to, PageSize.Of(request.MaxResults),
                alias => [ResourceArn.Contact(scope, alias).ToString()],
                at => tokens.Issue(context.Operation, filters, ShiftPages.Key(at)));
        return new ListRotationShiftsResult { RotationShifts = shifts, NextToken = next };
    }
}
