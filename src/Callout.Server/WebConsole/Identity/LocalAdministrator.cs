using System.Net;
using System.Security.Claims;
using Callout.Protocol.Auth;
using Callout.Server.Hosting;

namespace Callout.Server.WebConsole.Identity;

/// The emulator case: under --auth off, where the API itself takes any caller as the default
/// account, a console request from this machine that carries no sign-in is the administrator of
/// that account. A request from anywhere else, or any request under --auth strict, must sign in.
/// So must a request that a proxy on this machine passed on (it names a forwarded client): the
/// person behind the proxy is not on this machine.
sealed class LocalAdministrator(RequestDelegate next, ServerOptions options)
{
    public const string Name = "local";

    public Task InvokeAsync(HttpContext http)
    {
        if (options.Auth == AuthMode.Off
            && http.User.Identity is not { IsAuthenticated: true }
            && ConsoleRoutes.Owns(http.Request.Path)
            && http.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
            && !Forwarded(http.Request.Headers))
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.Name, Name),
                    new Claim(ConsoleClaims.Account, options.DefaultAccount),
                    new Claim(ConsoleClaims.Role, nameof(ConsoleRole.Administrator)),
                ],
                authenticationType: "loopback",
                nameType: ClaimTypes.Name,
                roleType: ConsoleClaims.Role));
        }
        return next(http);
    }

    static bool Forwarded(IHeaderDictionary headers) =>
        headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Forwarded-Host")
        || headers.ContainsKey("X-Real-IP");
}
