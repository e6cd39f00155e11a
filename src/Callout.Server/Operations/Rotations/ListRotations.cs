using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;

namespace Callout.Server.Operations.Rotations;

/// Sorted by name, then ARN; names need not be unique (docs/spec/rotations.md §3.3). StartTime only
/// when the caller gave one, as in GetRotation.
sealed class ListRotations(IStore store, CursorTokens tokens) : IOperation<ListRotationsRequest, ListRotationsResult>
{
    public async Task<ListRotationsResult> HandleAsync(ListRotationsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = request.RotationNamePrefix ?? "";
        var cursor = tokens.Open(request.NextToken, context.Operation, filters, request.MaxResults);
        // The id first: it holds no newline, the name may hold anything but one.
        (string, string)? after = cursor.After is { } key ? (key[(key.IndexOf('\n', StringComparison.Ordinal) + 1)..], key[..key.IndexOf('\n', StringComparison.Ordinal)]) : null;
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var (rotations, next) = cursor.Take(await session.ListRotationsAsync(request.RotationNamePrefix, after, cursor.Fetch, ct), r => r.Id + "\n" + r.Name);
        return new ListRotationsResult
        {
            Rotations = rotations.Select(r => new Rotation
            {
                RotationArn = r.Arn.ToString(),
                Name = r.Name,
                ContactIds = RotationLookups.Arns(r.ContactAliases, r.Arn.Scope),
                StartTime = r.StartTimeGiven ? Times.Of(r.StartTime) : null,
                TimeZoneId = r.TimeZoneId,
                Recurrence = RecurrenceMapper.ToWire(r.Recurrence),
            }).ToList(),
            NextToken = next,
        };
    }
}
