using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Domain.Arns;
using Callout.Server.Hosting;

namespace Callout.Server.WebConsole.Pages.Contacts;

/// What the contact pages share: ARNs of the person's account and region, and listings read
/// page after page through the same operations an API client pages through.
abstract class ContactsPage(ConsoleApi api, ServerOptions options) : ConsolePage(api, options)
{
    /// The most pages a console view follows; an account with more is shown in part.
    const int MaxPages = 20;

    protected AccountScope Scope => AccountScope.For(Person.Region, Person.AccountId);

    protected string ContactArn(string alias) => ResourceArn.Contact(Scope, alias).ToString();

    /// Every item of a paged listing (up to MaxPages pages), cloned out of the answers.
    protected Task<List<JsonElement>> AllAsync(string operation, JsonObject request, string listName) =>
        Api.ListAllAsync(HttpContext, Person, operation, request, listName, maxPages: MaxPages);

    /// The alias an ARN of this account names, or the ARN itself when it is not one of ours.
    public string AliasOf(string arn)
    {
        var prefix = Scope.Prefix + "contact/";
        return arn.StartsWith(prefix, StringComparison.Ordinal) ? arn[prefix.Length..] : arn;
    }

    /// Refusals that mean "no such thing here": an id the API finds malformed names nothing.
    protected static bool NamesNothing(ConsoleApiException e) =>
        e.Code is "ResourceNotFoundException" or "ValidationException";
}
