using System.Data.Common;
using Callout.Domain.Arns;
using Callout.Domain.Audit;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Domain.Outbox;
using Callout.Domain.Rotations;
using Callout.Storage.Json;
using NodaTime;

namespace Callout.Storage.Rows;

/// Reads the rows of Selects into domain records, for both stores: their readers differ only in
/// how a boolean is stored, which GetBoolean hides (SQLite's reads a non-zero integer as true).
internal static class RowReader
{
    public static Contact Contact(DbDataReader reader, AccountScope scope)
    {
        var alias = reader.GetString(0);
        return new Contact(
            ResourceArn.Contact(scope, alias),
            alias,
            OptionalString(reader, 1),
            Columns.ContactKindOf(reader.GetString(2)),
            PlanJson.Read(reader.GetString(3)));
    }

    public static ContactChannel Channel(DbDataReader reader, AccountScope scope)
    {
        var id = reader.GetString(0);
        var alias = reader.GetString(1);
        return new ContactChannel(
            ResourceArn.Channel(scope, alias, id),
            alias,
            reader.GetString(2),
            Columns.ChannelKindOf(reader.GetString(3)),
            reader.GetString(4),
            reader.GetBoolean(5),
            OptionalString(reader, 6),
            OptionalInstant(reader, 7),
            PlanJson.ReadInstants(reader.GetString(8)),
            Columns.InstantOf(reader.GetInt64(9)));
    }

    public static Engagement Engagement(DbDataReader reader, AccountScope scope)
    {
        var id = reader.GetString(0);
        var alias = reader.GetString(1);
        return new Engagement(
            new ResourceArn(scope, ResourceKind.Engagement, alias + "/" + id),
            alias,
            Columns.ContactKindOf(reader.GetString(2)),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            OptionalString(reader, 6),
            OptionalString(reader, 7),
            OptionalString(reader, 8),
            Columns.InstantOf(reader.GetInt64(9)),
            OptionalInstant(reader, 10),
            OptionalString(reader, 11));
    }

    public static Page Page(DbDataReader reader, AccountScope scope)
    {
        var id = reader.GetString(0);
        var alias = reader.GetString(2);
        return new Page(
            new ResourceArn(scope, ResourceKind.Page, alias + "/" + id),
            reader.GetString(1),
            alias,
            reader.GetString(3),
            EngagementJson.ReadResolution(reader.GetString(4)),
            reader.GetBoolean(5),
            Columns.InstantOf(reader.GetInt64(6)),
            OptionalInstant(reader, 7),
            OptionalInstant(reader, 8),
            OptionalInstant(reader, 9));
    }

    public static DeliveryRecord Delivery(DbDataReader reader, string key) => new(
        key,
        reader.GetString(0),
        Columns.DeliveryStatusOf(reader.GetString(1)),
        OptionalString(reader, 2),
        Columns.InstantOf(reader.GetInt64(3)));

    /// A receipt of the page with its sequence number.
    public static (long Sequence, Receipt Receipt) Receipt(DbDataReader reader, string pageId) => (reader.GetInt64(0), new Receipt(
        pageId,
        OptionalString(reader, 1),
        Columns.ReceiptKindOf(reader.GetString(2)),
        OptionalString(reader, 3),
        Columns.InstantOf(reader.GetInt64(4))));

    public static Rotation Rotation(DbDataReader reader, AccountScope scope)
    {
        var start = Columns.InstantOf(reader.GetInt64(3));
        var created = Columns.InstantOf(reader.GetInt64(5));
        var recurrence = RotationJson.ReadRecurrence(reader.GetString(6), out var startTimeGiven);
        return new(
            new ResourceArn(scope, ResourceKind.Rotation, reader.GetString(0)),
            reader.GetString(1),
            RotationJson.ReadAliases(reader.GetString(2)),
            start,
            reader.GetString(4),
            recurrence,
            created,
            RotationJson.StartTimeGiven(startTimeGiven, start, created));
    }

    public static RotationOverride Override(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        RotationJson.ReadAliases(reader.GetString(2)),
        Columns.InstantOf(reader.GetInt64(3)),
        Columns.InstantOf(reader.GetInt64(4)),
        Columns.InstantOf(reader.GetInt64(5)));

    public static OutboxMessage OutboxMessage(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
        Columns.InstantOf(reader.GetInt64(8)),
        OptionalString(reader, 9), OptionalString(reader, 10), OptionalString(reader, 11), OptionalString(reader, 12));

    /// The columns of Selects.ListAudit after seq.
    public static AuditRecord AuditRecord(DbDataReader reader, AccountScope scope) => new(
        Columns.InstantOf(reader.GetInt64(1)), scope.AccountId, scope.Region, reader.GetString(2), OptionalString(reader, 3),
        reader.GetString(4), OptionalString(reader, 5), reader.GetString(6), reader.GetString(7));

    public static string? OptionalString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Instant? OptionalInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Columns.InstantOf(reader.GetInt64(ordinal));
}
