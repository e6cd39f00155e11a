namespace Callout.Server.WebConsole.Pages.Home;

/// Who is on call in a rotation or an on-call schedule: the people of the current shift, when it
/// hands off, and who comes next.
sealed record OnCallView(string Name, string Kind, IReadOnlyList<string> Now, DateTimeOffset? HandOff, IReadOnlyList<string> Next);

/// One of the signed-in person's own shifts, now or coming, in a rotation; Override when it is an
/// override's shift.
sealed record MyShiftView(string Rotation, DateTimeOffset? Start, DateTimeOffset? End, bool Override);
