using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Pagination;

namespace Callout.Server.Operations.Rotations;

/// Sorted by name, then ARN; names need not be unique (spec/rotations.md §3.3). StartTime only
/// when the caller gave one, as in GetRotation.
sealed class ListRotations(IContactStore store, PageTokens tokens) : IOperation<ListRotationsRequest, ListRotationsResult>
{
    public async Task<ListRotationsResult> HandleAsync(ListRotationsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = request.RotationNamePrefix ?? "";
        var key = tokens.Open(request.NextToken, context.Operation, filters);
        (string, string)? after = key is null ? null : (key[(key.IndexOf('\n', StringComparison.Ordinal) + 1)..], key[..key.IndexOf('\n', StringComparison.Ordinal)]);
        var size = PageSize.Of(request.MaxResults);
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var found = await session.ListRotationsAsync(request.RotationNamePrefix, after, size + 1, ct);
        var page = found.Take(size).ToList();
        return new ListRotationsResult
        {
            Rotations = page.Select(r => new Rotation
            {
                RotationArn = r.Arn.ToString(),
                Name = r.Name,
                ContactIds = RotationLookups.Arns(r.ContactAliases, r.Arn.Scope),
                StartTime = r.StartTimeGiven ? Times.Of(r.StartTime) : null,
                TimeZoneId = r.TimeZoneId,
                Recurrence = RecurrenceMapper.ToWire(r.Recurrence),
            }).ToList(),
            // The id first: it holds no newline, the name may hold anything but one.
            NextToken = found.Count > size ? tokens.Issue(context.Operation, filters, page[^1].Id + "\n" + page[^1].Name) : null,
        };
    }
}
