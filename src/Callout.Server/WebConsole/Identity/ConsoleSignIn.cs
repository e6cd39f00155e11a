using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Audit;
using Callout.Domain.ConsoleUsers;
using Callout.Domain.Ports;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using NodaTime;

namespace Callout.Server.WebConsole.Identity;

/// Signs console users in and out: checks a password (with the guessing limits of
/// SignInThrottle), issues the cookie's claims, and writes each sign-in to the audit log
/// (operation ConsoleSignIn, caller `console:NAME`).
sealed class ConsoleSignIn(IStore store, SignInThrottle throttle, AuditLog audit, ServerOptions options, TimeProvider time)
{
    public const string AuditOperation = "ConsoleSignIn";
    public const string WrongPassword = "AccessDeniedException";
    const string Stamp = "callout:stamp";

    public enum Outcome { SignedIn, Refused, Throttled }

    public async Task<Outcome> WithPasswordAsync(HttpContext http, string? name, string? password)
    {
        name = (name ?? "").Trim();
        password ??= "";
        var address = ApiAudit.SourceOf(http);
        var nameKey = ConsoleLogin.NameKey(name.Length <= ConsoleLogin.MaxNameLength ? name : name[..ConsoleLogin.MaxNameLength]);
        if (throttle.LockedUntil(nameKey, address) is not null)
        {
            // Not audited, as the API's throttled calls are not: a record per refused try would
            // let a guesser fill the log at no cost.
            return Outcome.Throttled;
        }
        var user = ConsoleLogin.IsValidName(name) && password.Length <= ConsolePasswords.MaxLength
            ? await store.FindConsoleUserAsync(name, http.RequestAborted)
            : null;
        var matches = ConsolePasswords.Verify(user, password[..Math.Min(password.Length, ConsolePasswords.MaxLength)], out var rehash);
        if (!matches || user is null || user.Disabled || !ConsoleRoles.TryParse(user.Role, out _))
        {
            throttle.Failed(nameKey, address);
            await AuditAsync(http, user?.AccountId ?? options.DefaultAccount, user?.Name ?? name, WrongPassword);
            return Outcome.Refused;
        }
        throttle.Succeeded(nameKey);
        if (rehash)
        {
            user = user with { PasswordHash = ConsolePasswords.Hash(password), UpdatedAt = Now };
            await store.UpdateConsoleUserAsync(user, http.RequestAborted);
        }
        await http.SignInAsync(ConsoleClaims.Scheme, PrincipalOf(user, "password"));
        await AuditAsync(http, user.AccountId, user.Name, AuditRecord.Success);
        return Outcome.SignedIn;
    }

    /// A user the OpenID Connect provider vouched for (ConsoleOidc).
    public Task AuditSignedInAsync(HttpContext http, ConsoleLogin user) =>
        AuditAsync(http, user.AccountId, user.Name, AuditRecord.Success);

    public Task RefusedLinkAsync(HttpContext http, string caller, string outcome) =>
        AuditAsync(http, options.DefaultAccount, caller, outcome);

    public static ClaimsPrincipal PrincipalOf(ConsoleLogin user, string method)
    {
        // Callers refuse a user whose stored role is no role; the least one is the fallback.
        var role = ConsoleRoles.TryParse(user.Role, out var stored) ? stored : ConsoleRole.Viewer;
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ConsoleClaims.Account, user.AccountId),
            new(ConsoleClaims.Role, role.ToString()),
            new(Stamp, StampOf(user)),
        };
        if (user.ContactArn is { } contact)
        {
            claims.Add(new Claim(ConsoleClaims.Contact, contact));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, method, ClaimTypes.Name, ConsoleClaims.Role));
    }

    /// Run on every request that carries the cookie: a user removed or disabled since is signed
    /// out, as is every session of a user whose password or sign-in link changed since; a changed
    /// role, account or contact applies at once.
    public async Task ValidateAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var user = principal?.Identity?.Name is { } name ? await store.FindConsoleUserAsync(name, context.HttpContext.RequestAborted) : null;
        if (principal?.Identity is not { } identity || user is null || user.Disabled || principal.FindFirstValue(Stamp) != StampOf(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleClaims.Scheme);
            return;
        }
        var current = PrincipalOf(user, identity.AuthenticationType ?? "password");
        if (!Same(principal, current, ConsoleClaims.Account) || !Same(principal, current, ConsoleClaims.Role) || !Same(principal, current, ConsoleClaims.Contact)
            || identity.Name != user.Name)
        {
            context.ReplacePrincipal(current);
            context.ShouldRenew = true;
        }
    }

    static bool Same(ClaimsPrincipal a, ClaimsPrincipal b, string type) => a.FindFirstValue(type) == b.FindFirstValue(type);

    // Changes when the password or the OpenID Connect link does, without putting the hash itself
    // in the cookie.
    static string StampOf(ConsoleLogin user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.PasswordHash}|{user.OidcIssuer}|{user.OidcSubject}")))[..16];

    Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    Task AuditAsync(HttpContext http, string accountId, string name, string outcome) =>
        audit.AppendAloneAsync(new AuditRecord(Now, accountId, options.DefaultRegion, AuditLog.CallerOf("console:" + name),
            ApiAudit.SourceOf(http), AuditOperation, null, RequestIds.Next(), outcome), CancellationToken.None);
}
