using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.CalendarFeeds;

namespace Callout.Storage.Rows;

/// calendar_feeds rows: the target is kept as its kind and id (a rotation's uuid, a contact's
/// alias) and its ARN built from the row's scope, like every other resource.
internal static class CalendarFeedRows
{
    public const string Select = "SELECT account_id, region, id, token_hash, target_kind, target_id, created_at FROM calendar_feeds WHERE 1 = 1";

    public static string KindText(ResourceKind kind) => kind switch
    {
        ResourceKind.Rotation => "ROTATION",
        ResourceKind.Contact => "CONTACT",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only rotations and contacts have calendar feeds."),
    };

    public static string TargetId(ResourceArn target) => target.Kind == ResourceKind.Contact ? target.Alias : target.Id;

    public static CalendarFeed Read(DbDataReader r)
    {
        var scope = AccountScope.For(r.GetString(1), r.GetString(0));
        var kind = r.GetString(4) switch
        {
            "ROTATION" => ResourceKind.Rotation,
            "CONTACT" => ResourceKind.Contact,
            var other => throw new InvalidDataException($"'{other}' is not a calendar feed's target kind."),
        };
        return new CalendarFeed(scope, r.GetString(2), new ResourceArn(scope, kind, r.GetString(5)), (byte[])r.GetValue(3), Columns.InstantOf(r.GetInt64(6)));
    }
}
