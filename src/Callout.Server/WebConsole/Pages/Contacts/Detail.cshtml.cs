using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Contacts;

/// One contact: its channels with their activation state, the actions on them, a test page, and
/// its plan in words (edited on the plan page).
sealed class DetailModel(ConsoleApi api, ServerOptions options) : ContactsPage(api, options)
{
    public const string TestSender = "Callout console";
    public const string TestSubject = "Test page from the Callout console";

    [FromRoute] public string Alias { get; set; } = "";

    public ContactSummary Contact { get; private set; } = null!;
    public JsonElement Plan { get; private set; }
    public List<ChannelView> Channels { get; private set; } = [];
    public string? Notice { get; private set; }

    [BindProperty] public string? ChannelName { get; set; }
    [BindProperty] public string? ChannelType { get; set; } = "EMAIL";
    [BindProperty] public string? ChannelAddress { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public string? Code { get; set; }

    /// Administrators act on any contact; a responder on the contact they are linked to.
    public bool MayAct => Person.May(ConsoleRole.Administrator)
        || (Person.May(ConsoleRole.Responder) && Person.ContactArn == ContactArn(Alias));

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddChannelAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        var request = new JsonObject
        {
            ["ContactId"] = ContactArn(Alias),
            ["Name"] = ChannelName ?? "",
            ["Type"] = ChannelType ?? "",
            ["DeliveryAddress"] = new JsonObject { ["SimpleAddress"] = ChannelAddress ?? "" },
        };
        return await ActAsync("CreateContactChannel", request, "Channel added; an activation code was sent to it.", keepForm: true);
    }

    public Task<IActionResult> OnPostSendCodeAsync() =>
        OnChannelAsync("SendActivationCode", new JsonObject(), "Activation code sent.");

    public Task<IActionResult> OnPostActivateAsync() =>
        OnChannelAsync("ActivateContactChannel", new JsonObject { ["ActivationCode"] = Code ?? "" }, "Channel activated.");

    public Task<IActionResult> OnPostDeactivateAsync() =>
        OnChannelAsync("DeactivateContactChannel", new JsonObject(), "Channel deactivated.");

    /// docs/decisions.md, "The console's test page": an engagement of this contact, through
    /// StartEngagement, so it follows the contact's plan as a real page would.
    public async Task<IActionResult> OnPostTestPageAsync()
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (!MayAct)
        {
            return Forbid();
        }
        var request = new JsonObject
        {
            ["ContactId"] = ContactArn(Alias),
            ["Sender"] = TestSender,
            ["Subject"] = TestSubject,
            ["Content"] = $"{TestSubject}, sent by {Person.Name}. Acknowledge it to stop the engagement; no action is needed otherwise.",
        };
        return await ActAsync("StartEngagement", request, "Test page started; it follows this contact's plan until acknowledged.");
    }

    async Task<IActionResult> OnChannelAsync(string operation, JsonObject request, string done)
    {
        if (Denied(ConsoleRole.Responder) is { } denied)
        {
            return denied;
        }
        if (!MayAct)
        {
            return Forbid();
        }
        if (!await LoadAsync())
        {
            return NotFound();
        }
        // Only this contact's channels: a responder may act on their own contact's channels alone.
        if (Channels.All(c => c.Arn != Channel))
        {
            return NotFound();
        }
        request["ContactChannelId"] = Channel;
        return await ActAsync(operation, request, done);
    }

    async Task<IActionResult> ActAsync(string operation, JsonObject request, string done, bool keepForm = false)
    {
        var ok = await TryAsync(async () => (await Api.ContactsAsync(HttpContext, Person, operation, request)).Dispose());
        if (ok)
        {
            Notice = done;
            Code = null;
            if (keepForm)
            {
                ChannelName = ChannelAddress = null;
            }
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    async Task<bool> LoadAsync()
    {
        try
        {
            using var contact = await Api.ContactsAsync(HttpContext, Person, "GetContact", new JsonObject { ["ContactId"] = ContactArn(Alias) });
            Contact = ContactSummary.From(contact.RootElement);
            Plan = contact.RootElement.GetProperty("Plan").Clone();
        }
        catch (ConsoleApiException e) when (NamesNothing(e))
        {
            return false;
        }
        if (Contact.Type == "PERSONAL")
        {
            Channels = (await AllAsync("ListContactChannels", new JsonObject { ["ContactId"] = Contact.Arn }, "ContactChannels"))
                .Select(ChannelView.From).ToList();
        }
        return true;
    }
}
