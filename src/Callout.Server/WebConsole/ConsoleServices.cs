using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole;

/// The web console: server-rendered Razor Pages under /console, signed in with a cookie of its
/// own, acting through ConsoleApi (docs/console.md).
static class ConsoleServices
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleApi>();
        services.AddSingleton<TestMessages>();
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
        services.AddAuthentication(ConsoleClaims.Scheme)
            .AddCookie(ConsoleClaims.Scheme, o =>
            {
                o.Cookie.Name = "callout-console";
                o.Cookie.Path = ConsoleRoutes.Prefix;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over TLS (directly or, with forwarded headers,
                // through the proxy); a plain-HTTP loopback emulator still works.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = ConsoleRoutes.SignIn;
                o.LogoutPath = ConsoleRoutes.SignOut;
                o.AccessDeniedPath = ConsoleRoutes.Denied;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
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
