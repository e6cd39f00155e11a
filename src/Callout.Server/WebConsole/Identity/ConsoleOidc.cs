using System.Security.Claims;
using Callout.Domain.ConsoleUsers;
using Callout.Domain.Ports;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NodaTime;

namespace Callout.Server.WebConsole.Identity;

/// Single sign-on with an OpenID Connect provider (authorization code flow with PKCE). The
/// provider says who the person is; Callout's own console users say what they may do: an ID token
/// signs in only a console user an administrator added (docs/decisions.md, Console single
/// sign-on). The first sign-in links the user whose name is the token's name claim (an e-mail
/// address must be verified by the provider) to the token's issuer and subject; after that only
/// that issuer and subject sign that user in, whatever the name claim says.
static class ConsoleOidc
{
    public const string RefusedLink = "NotLinked";

    public static void Add(AuthenticationBuilder authentication, OidcOptions oidc)
    {
        authentication.AddOpenIdConnect(ConsoleOidcSettings.Scheme, o =>
        {
            o.Authority = oidc.Authority.ToString().TrimEnd('/');
            o.RequireHttpsMetadata = oidc.RequiresHttps;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The answer comes back as a top-level GET (not a cross-site form POST), so the
            // correlation and nonce cookies can be SameSite=Lax rather than None.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CallbackPath = ConsoleOidcSettings.CallbackPath;
            o.SignInScheme = ConsoleClaims.Scheme;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            // A provider may send these from its userinfo endpoint rather than in the ID token;
            // the handler keeps only a few userinfo members unless told.
            o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            o.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
            if (oidc.NameClaim is not ("email" or "email_verified" or "preferred_username" or "sub" or "name"))
            {
                o.ClaimActions.MapUniqueJsonKey(oidc.NameClaim, oidc.NameClaim);
            }
            o.SaveTokens = false;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.Path = ConsoleRoutes.Prefix;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.Path = ConsoleRoutes.Prefix;
            o.Events.OnTicketReceived = TicketReceivedAsync;
            o.Events.OnRemoteFailure = context =>
            {
                // A provider error or a tampered answer: back to the sign-in page, not a 500.
                context.Response.Redirect(ConsoleRoutes.SignIn + "?sso=refused");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<ServerOptions>();
        var store = services.GetRequiredService<IStore>();
        var signIn = services.GetRequiredService<ConsoleSignIn>();
        var time = services.GetRequiredService<TimeProvider>();
        var principal = context.Principal!;
        var issuer = principal.FindFirstValue("iss") ?? options.Oidc!.Authority.ToString().TrimEnd('/');
        var subject = principal.FindFirstValue("sub");
        var user = subject is null ? null : await store.FindConsoleUserByOidcAsync(issuer, subject, context.HttpContext.RequestAborted);
        if (user is null && subject is not null && NameOf(principal, options.Oidc!.NameClaim) is { } name
            && await store.FindConsoleUserAsync(name, context.HttpContext.RequestAborted) is { OidcSubject: null } unlinked)
        {
            var linked = unlinked with { OidcIssuer = issuer, OidcSubject = subject, UpdatedAt = Instant.FromDateTimeOffset(time.GetUtcNow()) };
            user = await store.UpdateConsoleUserAsync(linked, context.HttpContext.RequestAborted) ? linked : null;
        }
        if (user is null || user.Disabled || !ConsoleRoles.TryParse(user.Role, out _))
        {
            await signIn.RefusedLinkAsync(context.HttpContext, "oidc:" + (subject ?? "?"), RefusedLink);
            context.Response.Redirect(ConsoleRoutes.SignIn + "?sso=refused");
            context.HandleResponse();
            return;
        }
        // The console's own claims replace the provider's, so the cookie is checked like a
        // password sign-in's on every request (ConsoleSignIn.ValidateAsync).
        context.Principal = ConsoleSignIn.PrincipalOf(user, "oidc");
        await signIn.AuditSignedInAsync(context.HttpContext, user);
    }

    /// The claim naming the console user; an e-mail address counts only when the provider says it
    /// verified it, or anyone able to set their address there could take an administrator's name.
    static string? NameOf(ClaimsPrincipal principal, string claim)
    {
        var value = principal.FindFirstValue(claim);
        if (value is null || !ConsoleLogin.IsValidName(value))
        {
            return null;
        }
        return claim == "email" && !string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : value;
    }
}
