namespace Callout.Server.WebConsole.Pages.Home;

/// Who is on call in a rotation or an on-call schedule: the people of the current shift, when it
/// hands off, and who comes next.
sealed record OnCallView(string Name, string Kind, IReadOnlyList<string> Now, DateTimeOffset? HandOff, IReadOnlyList<string> Next);
