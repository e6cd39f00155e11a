using System.Globalization;
using System.Text.Json;
using Callout.Domain.Audit;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Errors;
using Callout.Server.Api;
using Callout.Server.Listing;
using Callout.Server.Management;
using NodaTime;

namespace Callout.Server.Audit;

/// `Callout.ListAuditEvents`: the caller's account and region's audit records, newest first,
/// optionally only those in [StartTime, EndTime), of one Operation or one ResourceArn
/// (docs/management.md).
sealed class ListAuditEvents(IStore store, CursorTokens tokens) : IManagementOperation
{
    const int MaxArnLength = 2048;
    const int MaxOperationLength = 128;
    const int MaxTokenLength = 2048;

    public string Name => "ListAuditEvents";

    public async Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct)
    {
        var start = request.OptionalTime("StartTime");
        var end = request.OptionalTime("EndTime");
        if (start is { } s && end is { } e && e < s)
        {
            throw ValidationException.ForField("EndTime", "EndTime must not be before StartTime.");
        }
        var operation = request.OptionalString("Operation", MaxOperationLength);
        var resource = request.OptionalString("ResourceArn", MaxArnLength);
        var maxResults = request.OptionalInt("MaxResults", 1, 1000);
        var nextToken = request.OptionalString("NextToken", MaxTokenLength);

        // The token is bound to the caller and the filters, so it cannot list another scope or
        // another selection.
        var filters = string.Join('\n', context.AccountId, context.Region, start?.ToUnixTimeMilliseconds(), end?.ToUnixTimeMilliseconds(),
            operation, resource);
        var cursor = tokens.Open(nextToken, Name, filters, maxResults);
        long? before = cursor.After is { } after ? long.Parse(after, NumberStyles.None, CultureInfo.InvariantCulture) : null;

        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var rows = await session.ListAuditAsync(new AuditQuery(
            start is { } from ? Instant.FromDateTimeOffset(from) : null,
            end is { } to ? Instant.FromDateTimeOffset(to) : null,
            operation, resource, before, cursor.Fetch), ct);
        var slice = cursor.Take(rows, r => r.Sequence.ToString(CultureInfo.InvariantCulture));

        return w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("AuditEvents");
            foreach (var (_, record) in slice.Items)
            {
                Write(w, record);
            }
            w.WriteEndArray();
            if (slice.NextToken is { } next)
            {
                w.WriteString("NextToken", next);
            }
            w.WriteEndObject();
        };
    }

    static void Write(Utf8JsonWriter w, AuditRecord record)
    {
        w.WriteStartObject();
        w.WriteNumber("Time", record.Time.ToUnixTimeMilliseconds() / 1000m);
        w.WriteString("AccountId", record.AccountId);
        w.WriteString("Region", record.Region);
        w.WriteString("Caller", record.Caller);
        if (record.SourceAddress is { } source)
        {
            w.WriteString("SourceAddress", source);
        }
        w.WriteString("Operation", record.Operation);
        if (record.ResourceArn is { } arn)
        {
            w.WriteString("ResourceArn", arn);
        }
        w.WriteString("RequestId", record.RequestId);
        w.WriteString("Outcome", record.Outcome);
        w.WriteEndObject();
    }
}
