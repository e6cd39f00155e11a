using System.Reflection;

namespace Callout.EndToEnd.Harness;

static class Paths
{
    static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string ServerDll => Path.GetFullPath(Metadata("ServerDll"));

    public static string ServerProject => Path.GetFullPath(Metadata("ServerProject"));

    /// Debug or Release: what the server was built as, for `dotnet run --no-build`.
    public static string Configuration => Metadata("Configuration");

    public static string ClientsDir => Path.GetFullPath(Metadata("ClientsDir"));

    public static string ModelPath => Path.GetFullPath(Metadata("ModelPath"));

    public static string IncidentsModelPath => Path.GetFullPath(Metadata("IncidentsModelPath"));
}
