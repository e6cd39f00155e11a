using System.Reflection;

namespace Callout.EndToEnd.Harness;

static class Paths
{
    static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string ServerDll => Path.GetFullPath(Metadata("ServerDll"));

    public static string ClientsDir => Path.GetFullPath(Metadata("ClientsDir"));

    public static string ModelPath => Path.GetFullPath(Metadata("ModelPath"));
}
