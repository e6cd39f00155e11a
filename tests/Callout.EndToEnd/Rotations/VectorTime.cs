using System.Globalization;

namespace Callout.EndToEnd.Rotations;

/// The times of one test vector of docs/spec/rotations.md §4, written `MM-DDTHH:MM` in 2024 UTC.
/// Overrides must end in the future and at most six months ahead (§5), so a vector with overrides
/// is moved forward by whole weeks: weekdays stay, and its UTC-only times have no DST to keep.
sealed class VectorTime(int weeks)
{
    static readonly DateTimeOffset FirstMonday = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// The vector's own dates.
    public static VectorTime As2024 { get; } = new(0);

    /// Moved so that 2024-01-01 (a Monday) becomes a Monday 8 to 14 days from now.
    public static VectorTime NearFuture()
    {
        var days = (int)(DateTimeOffset.UtcNow - FirstMonday).TotalDays;
        return new VectorTime(days / 7 + 2);
    }

    public int Weeks { get; } = weeks;

    public DateTimeOffset At(string monthDayTime) =>
        DateTimeOffset.ParseExact("2024-" + monthDayTime, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            .AddDays(7 * Weeks);

    /// A shift as RotationCalls.Describe writes it; `overridden` is the team an override replaced.
    public string Shift(string contacts, string start, string end, string? overridden = null) =>
        RotationCalls.Shift(At(start), At(end), contacts, overridden);
}
