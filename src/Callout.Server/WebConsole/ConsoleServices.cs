using Callout.Domain.Ports;
using Callout.Server.Hosting;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole;

/// The web console: server-rendered Razor Pages under /console, signed in with a cookie of its
/// own, acting through ConsoleApi (docs/console.md).
static class ConsoleServices
{
    public static IServiceCollection AddConsole(this IServiceCollection services, OidcOptions? oidc)
    {
        services.AddSingleton<ConsoleApi>();
        services.AddSingleton<TestMessages>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ConsoleSignIn>();
        // The keys that sign cookies and antiforgery tokens live in the store (StoreKeyRing), so
        // a sign-in outlives a restart and every node of a cluster honours every other's.
        services.AddDataProtection().SetApplicationName("callout-console");
        services.AddOptions<KeyManagementOptions>().Configure<IStore, TimeProvider>((o, store, time) => o.XmlRepository = new StoreKeyRing(store, time));
        // Data Protection warns that keys are kept unencrypted: they are, as the store's other
        // secrets are, protected by the store's own access (docs/security.md, Console).
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/WebConsole/Pages";
            // Every page needs a sign-in unless it says otherwise (the sign-in page itself).
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AddFolderRouteModelConvention("/", model =>
            {
                foreach (var selector in model.Selectors)
                {
                    selector.AttributeRouteModel!.Template = AttributeRouteModel.CombineTemplates("console", selector.AttributeRouteModel.Template);
                }
            });
        });
        services.AddSingleton<ConsoleOidcSettings>();
        var authentication = services.AddAuthentication(ConsoleClaims.Scheme);
        if (oidc is not null)
        {
            ConsoleOidc.Add(authentication, oidc);
        }
        authentication
            .AddCookie(ConsoleClaims.Scheme, o =>
            {
                o.Cookie.Name = "callout-console";
                o.Cookie.Path = ConsoleRoutes.Prefix;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over TLS: to this server, or to the proxy that
                // ends TLS in front of it, as a --public-url of https says (ConsoleScheme).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = ConsoleRoutes.SignIn;
                o.LogoutPath = ConsoleRoutes.SignOut;
                o.AccessDeniedPath = ConsoleRoutes.Denied;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = context =>
                    // The loopback administrator (LocalAdministrator) has no cookie to check.
                    context.HttpContext.RequestServices.GetRequiredService<ConsoleSignIn>().ValidateAsync(context);
            });
        services.AddAuthorization();
        // TempData carries a one-time answer across a redirect (a new integration's key): sealed by
        // data protection, read once, and sent only to the console.
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "callout-console-once";
            o.Cookie.Path = ConsoleRoutes.Prefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "callout-console-antiforgery";
            o.Cookie.Path = ConsoleRoutes.Prefix;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// After routing and the API's claim: the console's headers, sign-in and pages.
    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseMiddleware<ConsoleHeaders>();
        app.UseMiddleware<ConsoleTiming>();
        app.UseMiddleware<ConsoleScheme>();
        app.UseAuthentication();
        app.UseMiddleware<LocalAdministrator>();
        app.UseAuthorization();
        return app;
    }

    public static void MapConsole(this WebApplication app)
    {
        ConsoleAssets.Map(app);
        app.MapRazorPages();
    }
}
