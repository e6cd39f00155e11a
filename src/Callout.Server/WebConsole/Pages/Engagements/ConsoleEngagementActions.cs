using System.Text.Json.Nodes;
using Callout.Domain.Engagements;
using Callout.Engine.Processing;
using Callout.Server.WebConsole.Identity;

namespace Callout.Server.WebConsole.Pages.Engagements;

/// What a responder does to pages and engagements from the console, each one ssm-contacts
/// operation through ConsoleApi, so it takes the API's path, rules and audit record.
static class ConsoleEngagementActions
{
    /// AcceptPage READ on behalf of the signed-in person (docs/decisions.md, "Incidents,
    /// engagements and pages in the console"): the sign-in with a responder's role proves the
    /// right to act on the page, as a signed link does for PageAcceptance, so the page's own code
    /// is sent without ENFORCE: a code that guessing burned (CodeTryGuard) must not stop the
    /// responder. The receipt's note names who acknowledged; the audit record, the console user.
    public static async Task AcknowledgeAsync(ConsoleApi api, EngineSecrets secrets, HttpContext http, ConsoleUser person, string pageArn)
    {
        var code = AcceptCodes.For(await secrets.AcceptCodesAsync(http.RequestAborted), pageArn);
        await api.ContactsAsync(http, person, "AcceptPage", new JsonObject
        {
            ["PageId"] = pageArn,
            ["AcceptType"] = "READ",
            ["AcceptCode"] = code,
            ["AcceptCodeValidation"] = "IGNORE",
            ["Note"] = AcknowledgedBy(person),
        });
    }

    public static string AcknowledgedBy(ConsoleUser person)
    {
        var who = person.ContactArn is { } contact ? $"{person.Name} (contact {WireValues.Tail(contact)})" : person.Name;
        return $"Acknowledged in the console by {(who.Length > 200 ? who[..200] : who)}";
    }

    public static async Task StopAsync(ConsoleApi api, HttpContext http, ConsoleUser person, string engagementArn) =>
        await api.ContactsAsync(http, person, "StopEngagement", new JsonObject
        {
            ["EngagementId"] = engagementArn,
            ["Reason"] = $"Stopped in the console by {(person.Name.Length > 200 ? person.Name[..200] : person.Name)}",
        });
}
