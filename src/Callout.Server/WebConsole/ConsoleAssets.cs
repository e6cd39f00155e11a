using System.Security.Cryptography;

namespace Callout.Server.WebConsole;

/// The console's stylesheet and scripts, compiled into the server (the release is one file) and
/// served under /console/assets. Each URL carries a hash of its content, so browsers may keep an
/// asset for a year and still fetch the new one after an upgrade.
static class ConsoleAssets
{
    const string ResourcePrefix = "console-assets/";

    static readonly Dictionary<string, (byte[] Content, string ContentType, string Version)> Files = Load();

    /// The URL a page links to, e.g. `ConsoleAssets.Url("console.css")`.
    public static string Url(string name) =>
        Files.TryGetValue(name, out var file)
            ? $"{ConsoleRoutes.Assets}/{name}?v={file.Version}"
            : throw new ArgumentException($"The console has no asset named {name}.", nameof(name));

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(ConsoleRoutes.Assets + "/{name}", (string name, HttpContext http) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(file.Content, file.ContentType);
        });

    static Dictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var version = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
            files[name] = (content, ContentTypeOf(name), version);
        }
        return files;
    }

    static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
