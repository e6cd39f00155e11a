using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.WebConsole.Identity;

namespace Callout.Server.WebConsole.Pages.ResponsePlans;

/// A contact a response plan may engage, as the engagements picker lists it.
sealed record ContactChoice(string Arn, string Alias, string? DisplayName, string Type)
{
    /// Every contact of the region, in ListContacts' pages of 100 (an account has at most 1,000).
    public static async Task<IReadOnlyList<ContactChoice>> ListAsync(ConsoleApi api, HttpContext http, ConsoleUser person)
    {
        var contacts = new List<ContactChoice>();
        string? next = null;
        do
        {
            var body = new JsonObject { ["MaxResults"] = 100 };
            if (next is not null)
            {
                body["NextToken"] = next;
            }
            using var answer = await api.ContactsAsync(http, person, "ListContacts", body);
            foreach (var c in answer.RootElement.GetProperty("Contacts").EnumerateArray())
            {
                contacts.Add(new ContactChoice(c.GetProperty("ContactArn").GetString()!, c.GetProperty("Alias").GetString()!,
                    c.TryGetProperty("DisplayName", out var d) ? d.GetString() : null, c.GetProperty("Type").GetString()!));
            }
            next = answer.RootElement.TryGetProperty("NextToken", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        while (next is not null);
        return contacts;
    }
}
