using System.Globalization;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Rotations;

/// Overrides overlapping [StartTime, EndTime), unclipped, by start, creation and id.
sealed class ListRotationOverrides(IStore store, CursorTokens tokens) : IOperation<ListRotationOverridesRequest, ListRotationOverridesResult>
{
    public async Task<ListRotationOverridesResult> HandleAsync(ListRotationOverridesRequest request, RequestContext context, CancellationToken ct)
    {
        var from = Times.Of(request.StartTime)!.Value;
        var to = Times.Of(request.EndTime)!.Value;
        if (to <= from)
        {
            throw new InvalidRequest("Invalid value provided - EndTime must be after StartTime", "endTime");
        }
        // Overrides are few per window and read whole; the cursor is how many were shown before.
        var cursor = tokens.Open(request.NextToken, context.Operation, context.Fingerprint ?? "", request.MaxResults);
        var skip = cursor.After is { } key ? int.Parse(key, CultureInfo.InvariantCulture) : 0;
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var rotation = await session.RequireRotationAsync(request.RotationId, context.Scope(), ct);
        var all = await session.ListOverridesAsync(rotation.Id, from, to, ct);
        var (overrides, next) = cursor.Take(all.Skip(skip).Take(cursor.Fetch).ToList(), _ => (skip + cursor.Size).ToString(CultureInfo.InvariantCulture));
        return new ListRotationOverridesResult
        {
            RotationOverrides = overrides.Select(o => new RotationOverride
            {
                RotationOverrideId = o.Id,
                NewContactIds = RotationLookups.Arns(o.Members, rotation.Arn.Scope),
                StartTime = Times.Of(o.Start),
                EndTime = Times.Of(o.End),
                CreateTime = Times.Of(o.CreatedAt),
            }).ToList(),
            NextToken = next,
        };
    }
}
