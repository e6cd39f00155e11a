using System.Text.Json;
using Callout.Domain;
using Callout.Domain.Rotations;
using NodaTime;
using NodaTime.Text;

namespace Callout.Storage.Json;

/// The recurrence, contact-alias and member columns of rotations and their overrides, in our own
/// storage format (see PlanJson).
internal static class RotationJson
{
    // The wire only has hours and minutes; anything finer that reaches the store is kept too.
    static readonly LocalTimePattern Minutes = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    static readonly LocalTimePattern Precise = LocalTimePattern.ExtendedIso;

    static readonly EnumNames<RecurrenceKind> Kinds = new(
        (RecurrenceKind.Daily, "DAILY"), (RecurrenceKind.Weekly, "WEEKLY"), (RecurrenceKind.Monthly, "MONTHLY"));

    static readonly EnumNames<IsoDayOfWeek> Days = new(
        (IsoDayOfWeek.Monday, "MON"), (IsoDayOfWeek.Tuesday, "TUE"), (IsoDayOfWeek.Wednesday, "WED"), (IsoDayOfWeek.Thursday, "THU"),
        (IsoDayOfWeek.Friday, "FRI"), (IsoDayOfWeek.Saturday, "SAT"), (IsoDayOfWeek.Sunday, "SUN"));

    public static string WriteRecurrence(Recurrence recurrence, bool startTimeGiven)
    {
        ArgumentNullException.ThrowIfNull(recurrence);
        var document = new RecurrenceDocument(
            Text(recurrence.Kind),
            [.. recurrence.HandOffs.Select(h => new HandOffDocument(
                Time(h.Time),
                h.Day == IsoDayOfWeek.None ? null : Text(h.Day),
                h.DayOfMonth == 0 ? null : h.DayOfMonth))],
            recurrence.NumberOfOnCalls,
            recurrence.Multiplier,
            recurrence.Coverage?.ToDictionary(
                pair => Text(pair.Key),
                pair => (IReadOnlyList<CoverageWindowDocument>)[.. pair.Value.Select(w => new CoverageWindowDocument(Time(w.Start), Time(w.End)))],
                StringComparer.Ordinal),
            startTimeGiven);
        return JsonSerializer.Serialize(document, StorageJsonContext.Default.RecurrenceDocument);
    }

    /// The recurrence, and whether the rotation's StartTime was given when the row says so (null in
    /// rows written before it was kept).
    public static Recurrence ReadRecurrence(string json, out bool? startTimeGiven)
    {
        var document = JsonSerializer.Deserialize(json, StorageJsonContext.Default.RecurrenceDocument)
            ?? throw new InvalidDataException("A stored recurrence is null.");
        startTimeGiven = document.StartTimeGiven;
        return new Recurrence(
            KindOf(document.Kind),
            [.. (document.HandOffs ?? []).Select(h => new HandOff(
                TimeOf(h.Time),
                h.Day is { } day ? DayOf(day) : IsoDayOfWeek.None,
                h.DayOfMonth ?? 0))],
            document.NumberOfOnCalls,
            document.Multiplier,
            document.Coverage?.ToDictionary(
                pair => DayOf(pair.Key),
                pair => (IReadOnlyList<CoverageWindow>)[.. (pair.Value ?? []).Select(w => new CoverageWindow(TimeOf(w.Start), TimeOf(w.End)))]));
    }

    /// Rows written before StartTimeGiven was kept hold the creation time, to the second, when
    /// CreateRotation had no StartTime; a caller who sent exactly that second is taken for one who
    /// sent none, which changes only whether Get and List show it (docs/decisions.md, Rotations).
    public static bool StartTimeGiven(bool? stored, Instant startTime, Instant createdAt) =>
        stored ?? startTime != Instant.FromUnixTimeSeconds(createdAt.ToUnixTimeSeconds());

    public static string WriteAliases(IReadOnlyList<string> aliases) =>
        JsonSerializer.Serialize([.. aliases], StorageJsonContext.Default.StringArray);

    public static IReadOnlyList<string> ReadAliases(string json) =>
        JsonSerializer.Deserialize(json, StorageJsonContext.Default.StringArray) ?? [];

    /// "HH:mm" when the time is on a whole minute, else ISO "HH:mm:ss" with the fraction it has.
    static string Time(LocalTime time) =>
        time.Second == 0 && time.NanosecondOfSecond == 0 ? Minutes.Format(time) : Precise.Format(time);

    static LocalTime TimeOf(string? text)
    {
        var result = (text?.Length == 5 ? Minutes : Precise).Parse(text ?? "");
        return result.Success ? result.Value : throw new InvalidDataException($"Unknown time '{text}' in the database.");
    }

    static string Text(RecurrenceKind kind) => Kinds.Of(kind);

    static RecurrenceKind KindOf(string? text) =>
        Kinds.TryParse(text ?? "", out var kind) ? kind : throw new InvalidDataException($"Unknown recurrence kind '{text}' in the database.");

    static string Text(IsoDayOfWeek day) => Days.Of(day);

    static IsoDayOfWeek DayOf(string text) =>
        Days.TryParse(text, out var day) ? day : throw new InvalidDataException($"Unknown day '{text}' in the database.");
}
