using Callout.Domain.Contacts;
using Callout.Domain.Engagements;
using Callout.Storage.Json;
using Callout.Storage.Rows;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests.Rows;

/// Every kind of step maps to the columns and `kind` names the table always had, and back; a row
/// whose columns do not fit its kind is refused rather than read as a step missing what it needs.
public sealed class StepRowsTests
{
    static readonly Instant Due = Instant.FromUtc(2025, 3, 1, 12, 0);
    static readonly long DueMillis = Due.ToUnixTimeMilliseconds();
    static readonly IReadOnlyList<ResolutionStep> JanePath = [new ResolutionStep("jane", ContactKind.Personal, 0)];
    static readonly string Path = EngagementJson.WriteResolution(JanePath);

    [Fact]
    public void each_kind_of_step_is_written_to_the_columns_of_its_kind_only()
    {
        Assert.Equal(
            new StepRow("s1", "e1", "SEND_PAGE", DueMillis, "p1", "jane", "arn:channel", 2, Path, true),
            StepRows.Write(Send()));
        Assert.Equal(
            new StepRow("s2", "e1", "ENTER_SCHEDULE", DueMillis, null, "oncall", null, 0, Path, false),
            StepRows.Write(Enter()));
        Assert.Equal(new StepRow("s3", "e1", "FINISH", DueMillis, null, null, null, 0, null, false),
            StepRows.Write(new FinishStep("s3", "e1", Due)));
    }

    [Fact]
    public void a_steps_trace_parent_is_written_and_read_back_whatever_its_kind()
    {
        const string parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var finish = new FinishStep("s3", "e1", Due) with { TraceParent = parent };

        Assert.Equal(parent, StepRows.Write(finish).TraceParent);
        Assert.Equal(finish, StepRows.Read(StepRows.Write(finish)));
        Assert.Equal(parent, StepRows.Read(StepRows.Write(Send() with { TraceParent = parent })).TraceParent);
        Assert.Null(StepRows.Read(StepRows.Write(Enter())).TraceParent);
    }

    [Fact]
    public void each_kind_of_step_reads_back_as_written()
    {
        var send = Assert.IsType<SendPageStep>(StepRows.Read(StepRows.Write(Send())));
        Assert.Equal(Send() with { Resolution = [] }, send with { Resolution = [] });
        Assert.Equal(JanePath, send.Resolution);

        var enter = Assert.IsType<EnterScheduleStep>(StepRows.Read(StepRows.Write(Enter())));
        Assert.Equal(Enter() with { Resolution = [] }, enter with { Resolution = [] });
        Assert.Equal(JanePath, enter.Resolution);

        Assert.Equal(new FinishStep("s3", "e1", Due), StepRows.Read(StepRows.Write(new FinishStep("s3", "e1", Due))));
    }

    static readonly Dictionary<string, StepRow> Misfits = new()
    {
        ["a send without a page"] = SendRow() with { PageId = null },
        ["a send without a person"] = SendRow() with { ContactAlias = null },
        ["a send without a channel"] = SendRow() with { ChannelArn = null },
        ["a send without a path"] = SendRow() with { Resolution = null },
        ["a send of a negative attempt"] = SendRow() with { Attempt = -1 },
        ["a schedule without a schedule"] = EnterRow() with { ContactAlias = null },
        ["a schedule without a path"] = EnterRow() with { Resolution = null },
        ["a schedule naming a page"] = EnterRow() with { PageId = "p1" },
        ["a schedule naming a channel"] = EnterRow() with { ChannelArn = "arn:channel" },
        ["a schedule with an attempt"] = EnterRow() with { Attempt = 1 },
        ["an end naming a person"] = FinishRow() with { ContactAlias = "jane" },
        ["an end naming a page"] = FinishRow() with { PageId = "p1" },
        ["an end with a path"] = FinishRow() with { Resolution = Path },
        ["an essential end"] = FinishRow() with { Essential = true },
        ["an end with an attempt"] = FinishRow() with { Attempt = 1 },
        ["a kind nobody wrote"] = FinishRow() with { Kind = "SEND_SMOKE_SIGNAL" },
    };

    public static TheoryData<string> RowsThatDoNotFitTheirKind => [.. Misfits.Keys];

    [Theory]
    [MemberData(nameof(RowsThatDoNotFitTheirKind))]
    public void a_row_whose_columns_do_not_fit_its_kind_is_invalid_data(string misfit) =>
        Assert.Throws<InvalidDataException>(() => StepRows.Read(Misfits[misfit]));

    [Fact]
    public void the_rows_the_invalid_ones_are_made_from_are_valid()
    {
        Assert.IsType<SendPageStep>(StepRows.Read(SendRow()));
        Assert.IsType<EnterScheduleStep>(StepRows.Read(EnterRow()));
        Assert.IsType<FinishStep>(StepRows.Read(FinishRow()));
    }

    static SendPageStep Send() => new("s1", "e1", Due, "p1", "jane", "arn:channel", 2, JanePath, Essential: true);

    static EnterScheduleStep Enter() => new("s2", "e1", Due, "oncall", JanePath, Essential: false);

    static StepRow SendRow() => new("s1", "e1", "SEND_PAGE", DueMillis, "p1", "jane", "arn:channel", 2, Path, true);

    static StepRow EnterRow() => new("s2", "e1", "ENTER_SCHEDULE", DueMillis, null, "oncall", null, 0, Path, false);

    static StepRow FinishRow() => new("s3", "e1", "FINISH", DueMillis, null, null, null, 0, null, false);
}
