using System.Data.Common;
using Callout.Domain.Engagements;
using Callout.Storage.Json;

namespace Callout.Storage.Rows;

/// A row of `steps` as its columns hold it (but the scope): every kind of step shares the table,
/// and the columns a kind does not use are null, 0 or false.
internal sealed record StepRow(
    string Id,
    string EngagementId,
    string Kind,
    long Due,
    string? PageId,
    string? ContactAlias,
    string? ChannelArn,
    int Attempt,
    string? Resolution,
    bool Essential,
    string? TraceParent = null);

/// The one mapping between the step types and the rows of `steps`, both ways, for both stores.
/// A row whose columns do not fit its kind (a send without a page, an end naming a person) was
/// not written by this mapping, and reading it is an InvalidDataException rather than a step the
/// engine would have to guess about.
internal static class StepRows
{
    public const string SendPage = "SEND_PAGE";
    public const string EnterSchedule = "ENTER_SCHEDULE";
    public const string Finish = "FINISH";

    public static StepRow Write(EngagementStep step) => WriteColumns(step) with { TraceParent = step.TraceParent };

    static StepRow WriteColumns(EngagementStep step) => step switch
    {
        SendPageStep send => new StepRow(send.Id, send.EngagementId, SendPage, Columns.Millis(send.Due), send.PageId,
            send.ContactAlias, send.ChannelArn, send.Attempt, EngagementJson.WriteResolution(send.Resolution), send.Essential),
        EnterScheduleStep enter => new StepRow(enter.Id, enter.EngagementId, EnterSchedule, Columns.Millis(enter.Due), null,
            enter.ContactAlias, null, 0, EngagementJson.WriteResolution(enter.Resolution), enter.Essential),
        FinishStep finish => new StepRow(finish.Id, finish.EngagementId, Finish, Columns.Millis(finish.Due), null, null, null, 0, null, false),
        null => throw new ArgumentNullException(nameof(step)),
        _ => throw new ArgumentException("Unknown step type " + step.GetType().Name, nameof(step)),
    };

    public static EngagementStep Read(StepRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ReadColumns(row) with { TraceParent = row.TraceParent };
    }

    static EngagementStep ReadColumns(StepRow row)
    {
        var due = Columns.InstantOf(row.Due);
        return row.Kind switch
        {
            SendPage when row is { PageId: { } pageId, ContactAlias: { } alias, ChannelArn: { } channelArn, Resolution: { } path }
                && row.Attempt >= 0 =>
                new SendPageStep(row.Id, row.EngagementId, due, pageId, alias, channelArn, row.Attempt,
                    EngagementJson.ReadResolution(path), row.Essential),
            EnterSchedule when row is { PageId: null, ContactAlias: { } alias, ChannelArn: null, Attempt: 0, Resolution: { } path } =>
                new EnterScheduleStep(row.Id, row.EngagementId, due, alias, EngagementJson.ReadResolution(path), row.Essential),
            Finish when row is { PageId: null, ContactAlias: null, ChannelArn: null, Attempt: 0, Resolution: null, Essential: false } =>
                new FinishStep(row.Id, row.EngagementId, due),
            SendPage or EnterSchedule or Finish =>
                throw new InvalidDataException($"Step '{row.Id}' of kind {row.Kind} has columns its kind does not have, or lacks some it needs."),
            _ => throw new InvalidDataException($"Unknown step kind '{row.Kind}' in the database."),
        };
    }

    /// Reads the step columns of a claim's RETURNING (id, account_id, region, engagement_id, kind,
    /// due, page_id, contact_alias, channel_arn, attempt, resolution, essential, trace_parent).
    public static EngagementStep ReadClaimed(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(new StepRow(
            reader.GetString(0),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetInt64(5),
            RowReader.OptionalString(reader, 6),
            RowReader.OptionalString(reader, 7),
            RowReader.OptionalString(reader, 8),
            reader.GetInt32(9),
            RowReader.OptionalString(reader, 10),
            reader.GetBoolean(11),
            RowReader.OptionalString(reader, 12)));
    }
}
