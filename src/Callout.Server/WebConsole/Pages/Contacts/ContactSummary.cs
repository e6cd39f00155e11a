using System.Text.Json;

namespace Callout.Server.WebConsole.Pages.Contacts;

/// A contact as the listings show it.
sealed record ContactSummary(string Arn, string Alias, string? DisplayName, string Type)
{
    public static ContactSummary From(JsonElement c) => new(
        c.GetProperty("ContactArn").GetString()!,
        c.GetProperty("Alias").GetString()!,
        c.TryGetProperty("DisplayName", out var d) ? d.GetString() : null,
        c.GetProperty("Type").GetString()!);

    public string Label => string.IsNullOrEmpty(DisplayName) ? Alias : $"{DisplayName} ({Alias})";

    public string Href => ConsoleRoutes.Prefix + "/contacts/" + Uri.EscapeDataString(Alias);

    public static string TypeText(string type) => type switch
    {
        "PERSONAL" => "Person",
        "ESCALATION" => "Escalation plan",
        "ONCALL_SCHEDULE" => "On-call schedule",
        _ => type,
    };
}
