namespace Callout.Server.WebConsole.Identity;

/// The role names the store, the users command and the admin page use: viewer, responder and
/// administrator.
static class ConsoleRoles
{
    public static string Text(ConsoleRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ConsoleRole role)
    {
        role = default;
        return text is { Length: > 0 } && !text.Any(char.IsDigit) && Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
    }

    public static string Names => string.Join(", ", Enum.GetValues<ConsoleRole>().Select(Text));
}
