using Callout.Domain.Errors;
using Callout.Domain.Rotations;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;
using Callout.Server.Listing;
using NodaTime;

namespace Callout.Server.Operations.Rotations;

/// The same calculator on unsaved settings. Members are free strings, echoed as ContactIds; preview
/// overrides have no creation time, so a later one in the list wins where they overlap
/// (docs/spec/rotations.md §3.2).
sealed class ListPreviewRotationShifts(CursorTokens tokens) : IOperation<ListPreviewRotationShiftsRequest, ListPreviewRotationShiftsResult>
{
    public Task<ListPreviewRotationShiftsResult> HandleAsync(ListPreviewRotationShiftsRequest request, RequestContext context, CancellationToken ct)
    {
        var filters = context.Fingerprint ?? "";
        var cursor = tokens.Open(request.NextToken, context.Operation, filters, request.MaxResults);
        var recurrence = RecurrenceMapper.ToDomain(request.Recurrence);
        RotationRules.CheckRotation(request.Members, recurrence);
        var zone = RotationRules.ResolveZone(request.TimeZoneId);
        var now = context.Now();
        var start = Times.Of(request.RotationStartTime) ?? Times.Of(request.StartTime) ?? now;
        var from = Times.Of(request.StartTime) ?? start;
        var to = Times.Of(request.EndTime)!.Value;
        var overrides = new List<Domain.Rotations.RotationOverride>();
        var list = request.Overrides ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var o = list[i];
            var oStart = Times.Of(o.StartTime) ?? throw new InvalidRequest("Invalid value provided - A preview override needs a StartTime", $"overrides.{i + 1}.member.startTime");
            var oEnd = Times.Of(o.EndTime) ?? throw new InvalidRequest("Invalid value provided - A preview override needs an EndTime", $"overrides.{i + 1}.member.endTime");
            var members = o.NewMembers ?? [];
            RotationRules.CheckOverride(request.Members, start, members, oStart, oEnd, now, preview: true);
            overrides.Add(new Domain.Rotations.RotationOverride(i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture), "preview", members, oStart, oEnd, Instant.FromUnixTimeTicks(i)));
        }
        var lo = Instant.Max(ShiftSlices.Start(cursor.After) ?? from, start);
        if (to <= from)
        {
            throw new InvalidRequest("Invalid value provided - EndTime must be after StartTime", "endTime");
        }
        var (shifts, next) = lo >= to
            ? ([], null)
            : ShiftSlices.Take(new RotationPlan(request.Members, start, zone, recurrence), overrides, lo, to, cursor.Size,
                member => [member],
                at => cursor.Next(ShiftSlices.Key(at)));
        return Task.FromResult(new ListPreviewRotationShiftsResult { RotationShifts = shifts, NextToken = next });
    }
}
