namespace Callout.Server.WebConsole;

/// Where the console lives: every page and asset is under /console, so the API, which claims
/// every other POST, and Callout's own endpoints under /_callout keep their paths.
static class ConsoleRoutes
{
    public const string Prefix = "/console";
    public const string SignIn = Prefix + "/sign-in";
    public const string SignOut = Prefix + "/sign-out";
    public const string Denied = Prefix + "/denied";
    public const string Assets = Prefix + "/assets";

    public static bool Owns(PathString path) => path.StartsWithSegments(Prefix);

    /// A console form's POST, which the API would otherwise take as a call: under /console and
    /// without the API's X-Amz-Target header.
    public static bool Claims(HttpContext http) => Owns(http.Request.Path) && !http.Request.Headers.ContainsKey("X-Amz-Target");

    /// Route patterns as mapped (Razor Pages' have no leading slash).
    public static bool OwnsPattern(string pattern) =>
        pattern.TrimStart('/') is var p && (p == "console" || p.StartsWith("console/", StringComparison.Ordinal));
}
