using System.Text.Json;

namespace Callout.Server.WebConsole.Pages.Contacts;

/// A contact channel as the contact page shows it.
sealed record ChannelView(string Arn, string Name, string Type, string Address, bool Activated)
{
    public static ChannelView From(JsonElement c) => new(
        c.GetProperty("ContactChannelArn").GetString()!,
        c.GetProperty("Name").GetString()!,
        c.TryGetProperty("Type", out var t) ? t.GetString() ?? "" : "",
        c.GetProperty("DeliveryAddress").TryGetProperty("SimpleAddress", out var a) ? a.GetString() ?? "" : "",
        c.GetProperty("ActivationStatus").GetString() == "ACTIVATED");

    public string Label => $"{Name} ({Type} {Address})";
}
