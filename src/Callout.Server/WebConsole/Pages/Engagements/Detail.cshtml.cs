using Callout.Domain.Arns;
using Callout.Engine.Processing;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Engagements;

/// One engagement (DescribeEngagement) with its pages and receipts, live while open; responders
/// acknowledge its pages and stop it (docs/decisions.md, "Acknowledging from the console").
sealed class DetailModel(ConsoleApi api, ServerOptions options, EngineSecrets secrets, TimeProvider time) : ConsolePage(api, options)
{
    public EngagementView Engagement { get; private set; } = null!;

    public DateTimeOffset Now => time.GetUtcNow();

    public string LiveSrc => Engagement.Href + "?handler=Live";

    public async Task<IActionResult> OnGetAsync(string alias, string id) =>
        await LoadAsync(alias, id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetLiveAsync(string alias, string id) =>
        await LoadAsync(alias, id) ? Partial("_EngagementLive", this) : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(string alias, string id, string? pageArn) =>
        ActAsync(alias, id, _ => ConsoleEngagementActions.AcknowledgeAsync(Api, secrets, HttpContext, Person, pageArn ?? ""));

    public Task<IActionResult> OnPostStopAsync(string alias, string id) =>
        ActAsync(alias, id, arn => ConsoleEngagementActions.StopAsync(Api, HttpContext, Person, arn));

    async Task<IActionResult> ActAsync(string alias, string id, Func<string, Task> action)
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (ArnOf(alias, id) is not { } arn)
        {
            return NotFound();
        }
        if (await TryAsync(() => action(arn)))
        {
            return Redirect(EngagementLinks.Href(arn));
        }
        var problem = Problem;
        if (!await LoadAsync(alias, id))
        {
            return NotFound();
        }
        Problem = problem;
        return Page();
    }

    string? ArnOf(string alias, string id) => EngagementLinks.Arn(AccountScope.For(Person.Region, Person.AccountId), alias, id);

    async Task<bool> LoadAsync(string alias, string id)
    {
        if (ArnOf(alias, id) is not { } arn)
        {
            return false;
        }
        try
        {
            Engagement = await new EngagementReads(Api, HttpContext, Person).DescribeAsync(arn);
            return true;
        }
        catch (ConsoleApiException e) when (e.Code is "ResourceNotFoundException" or "ValidationException")
        {
            return false;
        }
    }
}
