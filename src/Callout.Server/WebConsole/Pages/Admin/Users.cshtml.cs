using System.Text.Json;
using Callout.Domain.Audit;
using Callout.Domain.ConsoleUsers;
using Callout.Domain.Ports;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Callout.Server.WebConsole.Pages.Admin;

/// The console users of the administrator's account: add one (with a first password, or for
/// single sign-on only), change a role, link a contact, disable, remove. Every change is written
/// to the audit log as `ConsoleUser*` by `console:ADMIN`. An administrator sees and changes only
/// their own account's users, and cannot demote, disable or remove themselves (so an account is
/// never left without one by accident).
sealed class UsersModel(ConsoleApi api, ServerOptions options, IStore store, AuditLog audit, TimeProvider time) : ConsolePage(api, options)
{
    public IReadOnlyList<ConsoleLogin> Users { get; private set; } = [];
    public IReadOnlyList<(string Arn, string Label)> Contacts { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Denied(ConsoleRole.Administrator) is { } refused)
        {
            return refused;
        }
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(string? name, string? role, string? password, bool ssoOnly, string? contact) =>
        ActAsync("ConsoleAddUser", name, async () =>
        {
            contact = Blank(contact);
            if ((ConsoleUserRules.NameProblem(name) ?? ConsoleUserRules.RoleProblem(role) ?? ConsoleUserRules.ContactProblem(contact, Person.AccountId)
                ?? (ssoOnly ? null : ConsolePasswords.Weakness(password))) is { } problem)
            {
                return problem;
            }
            var parsed = ConsoleRoles.TryParse(role, out var r) ? r : ConsoleRole.Viewer;
            var user = new ConsoleLogin(name!, Person.AccountId, ConsoleRoles.Text(parsed), contact,
                ssoOnly ? null : ConsolePasswords.Hash(password!), null, null, Disabled: false, Now, Now);
            return await store.AddConsoleUserAsync(user, HttpContext.RequestAborted)
                ? null
                : $"A user named {name} already exists (names are compared without regard to case).";
        }, $"Added {name}.");

    public Task<IActionResult> OnPostRoleAsync(string? name, string? role) =>
        ChangeAsync("ConsoleSetUserRole", name, user =>
            ConsoleRoles.TryParse(role, out var parsed) ? (user with { Role = ConsoleRoles.Text(parsed) }, null) : (null, ConsoleUserRules.RoleProblem(role)),
            $"Changed the role of {name}.");

    public Task<IActionResult> OnPostContactAsync(string? name, string? contact) =>
        ChangeAsync("ConsoleLinkUserContact", name, user =>
            ConsoleUserRules.ContactProblem(Blank(contact), user.AccountId) is { } problem ? (null, problem) : (user with { ContactArn = Blank(contact) }, null),
            $"Changed the contact of {name}.");

    public Task<IActionResult> OnPostDisableAsync(string? name, bool disabled) =>
        ChangeAsync(disabled ? "ConsoleDisableUser" : "ConsoleEnableUser", name, user => (user with { Disabled = disabled }, null),
            $"{(disabled ? "Disabled" : "Enabled")} {name}.");

    public Task<IActionResult> OnPostPasswordAsync(string? name, string? password) =>
        ChangeAsync("ConsoleSetUserPassword", name, user =>
            ConsolePasswords.Weakness(password) is { } problem ? (null, problem) : (user with { PasswordHash = ConsolePasswords.Hash(password!) }, null),
            $"Set the password of {name}.");

    public Task<IActionResult> OnPostRemoveAsync(string? name) =>
        ActAsync("ConsoleRemoveUser", name, async () =>
            await FindOwnAsync(name) is null ? $"There is no user named {name} here."
            : IsSelf(name) ? "You cannot remove yourself."
            : await store.RemoveConsoleUserAsync(name!, HttpContext.RequestAborted) ? null
            : $"There is no user named {name} here.", $"Removed {name}.");

    Task<IActionResult> ChangeAsync(string operation, string? name, Func<ConsoleLogin, (ConsoleLogin? Changed, string? Problem)> change, string done) =>
        ActAsync(operation, name, async () =>
        {
            if (await FindOwnAsync(name) is not { } user)
            {
                return $"There is no user named {name} here.";
            }
            if (IsSelf(name) && operation is not ("ConsoleLinkUserContact" or "ConsoleSetUserPassword"))
            {
                return "You cannot change your own role or disable yourself; another administrator can.";
            }
            var (changed, problem) = change(user);
            if (problem is not null)
            {
                return problem;
            }
            return await store.UpdateConsoleUserAsync(changed! with { UpdatedAt = Now }, HttpContext.RequestAborted) ? null : $"There is no user named {name} here.";
        }, done);

    /// Checks the role first, runs the change, audits it either way and shows the page again.
    async Task<IActionResult> ActAsync(string operation, string? name, Func<Task<string?>> act, string done)
    {
        if (Denied(ConsoleRole.Administrator) is { } refused)
        {
            return refused;
        }
        var problem = await act();
        Problem = problem;
        Notice = problem is null ? done : null;
        await audit.AppendAloneAsync(new AuditRecord(Now, Person.AccountId, Person.Region, AuditLog.CallerOf(Person.AuditCaller), ApiAudit.SourceOf(HttpContext),
            operation, ConsoleLogin.IsValidName(name) ? $"arn:callout:console::{Person.AccountId}:user/{name}" : null, RequestIds.Next(),
            problem is null ? AuditRecord.Success : "ValidationException"), CancellationToken.None);
        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync();
        return Page();
    }

    async Task<ConsoleLogin?> FindOwnAsync(string? name) =>
        ConsoleLogin.IsValidName(name) && await store.FindConsoleUserAsync(name!, HttpContext.RequestAborted) is { } user && user.AccountId == Person.AccountId
            ? user
            : null;

    bool IsSelf(string? name) => string.Equals(name, Person.Name, StringComparison.OrdinalIgnoreCase);

    async Task LoadAsync()
    {
        Users = [.. (await store.ListConsoleUsersAsync(HttpContext.RequestAborted)).Where(u => u.AccountId == Person.AccountId)];
        var contacts = new List<(string, string)>();
        await TryAsync(async () =>
        {
            using var listed = await Api.ContactsAsync(HttpContext, Person, "ListContacts", new System.Text.Json.Nodes.JsonObject { ["MaxResults"] = 100 });
            foreach (var c in listed.RootElement.GetProperty("Contacts").EnumerateArray())
            {
                var alias = c.GetProperty("Alias").GetString()!;
                var label = c.TryGetProperty("DisplayName", out var shown) && shown.ValueKind == JsonValueKind.String ? $"{shown.GetString()} ({alias})" : alias;
                contacts.Add((c.GetProperty("ContactArn").GetString()!, label));
            }
        });
        Contacts = contacts;
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());
}
