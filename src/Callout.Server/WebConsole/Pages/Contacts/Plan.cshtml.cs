using System.Text.Json.Nodes;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Contacts;

/// The plan editor: a person's stages of channel targets, an escalation plan's stages of contact
/// targets, or an on-call schedule's rotations. Adding and removing rows are posts that only
/// re-render the form (no script); Save sends the whole plan to UpdateContact, whose refusal is
/// shown above the values as typed.
sealed class PlanModel(ConsoleApi api, ServerOptions options) : ContactsPage(api, options)
{
    [FromRoute] public string Alias { get; set; } = "";

    [BindProperty] public PlanForm Form { get; set; } = new();

    public ContactSummary Contact { get; private set; } = null!;
    public List<ChannelView> Channels { get; private set; } = [];
    public List<ContactSummary> Contacts { get; private set; } = [];
    public List<(string Arn, string Name)> Rotations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } plan)
        {
            return NotFound();
        }
        Form = PlanForm.From(plan);
        return Page();
    }

    public Task<IActionResult> OnPostAddStageAsync() => EditAsync(() =>
        Form.Stages.Add(new StageForm { Duration = "5", Targets = [NewTarget()] }));

    public Task<IActionResult> OnPostRemoveStageAsync(int stage) => EditAsync(() =>
    {
        if (stage >= 0 && stage < Form.Stages.Count)
        {
            Form.Stages.RemoveAt(stage);
        }
    });

    public Task<IActionResult> OnPostAddTargetAsync(int stage) => EditAsync(() =>
    {
        if (stage >= 0 && stage < Form.Stages.Count)
        {
            Form.Stages[stage].Targets.Add(NewTarget());
        }
    });

    public Task<IActionResult> OnPostRemoveTargetAsync(int stage, int target) => EditAsync(() =>
    {
        if (stage >= 0 && stage < Form.Stages.Count && target >= 0 && target < Form.Stages[stage].Targets.Count)
        {
            Form.Stages[stage].Targets.RemoveAt(target);
        }
    });

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        if (await LoadAsync() is null)
        {
            return NotFound();
        }
        var request = new JsonObject { ["ContactId"] = Contact.Arn, ["Plan"] = Form.ToJson(Contact.Type) };
        if (await TryAsync(async () => (await Api.ContactsAsync(HttpContext, Person, "UpdateContact", request)).Dispose()))
        {
            return Redirect(Contact.Href);
        }
        return Page();
    }

    async Task<IActionResult> EditAsync(Action edit)
    {
        if (Denied(ConsoleRole.Administrator) is { } denied)
        {
            return denied;
        }
        if (await LoadAsync() is null)
        {
            return NotFound();
        }
        edit();
        return Page();
    }

    TargetForm NewTarget() => Contact.Type == "ESCALATION"
        ? new TargetForm { Kind = TargetForm.Contact }
        : new TargetForm { Kind = TargetForm.Channel, Retry = "5" };

    /// The contact and the choices its editor offers; null when the alias names no contact.
    async Task<System.Text.Json.JsonElement?> LoadAsync()
    {
        System.Text.Json.JsonElement plan;
        try
        {
            using var contact = await Api.ContactsAsync(HttpContext, Person, "GetContact", new JsonObject { ["ContactId"] = ContactArn(Alias) });
            Contact = ContactSummary.From(contact.RootElement);
            plan = contact.RootElement.GetProperty("Plan").Clone();
        }
        catch (ConsoleApiException e) when (NamesNothing(e))
        {
            return null;
        }
        switch (Contact.Type)
        {
            case "PERSONAL":
                Channels = (await AllAsync("ListContactChannels", new JsonObject { ["ContactId"] = Contact.Arn }, "ContactChannels")).Select(ChannelView.From).ToList();
                break;
            case "ESCALATION":
                Contacts = (await AllAsync("ListContacts", new JsonObject(), "Contacts")).Select(ContactSummary.From).Where(c => c.Arn != Contact.Arn).ToList();
                break;
            default:
                Rotations = (await AllAsync("ListRotations", new JsonObject(), "Rotations"))
                    .Select(r => (r.GetProperty("RotationArn").GetString()!, r.GetProperty("Name").GetString()!)).ToList();
                break;
        }
        return plan;
    }
}
