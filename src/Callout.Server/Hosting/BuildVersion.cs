using System.Reflection;

namespace Callout.Server.Hosting;

/// This build's version: the informational version the SDK stamps from Directory.Build.props'
/// VersionPrefix and the commit it was built from (`0.1.0+<commit>`). `--version`, the start-up
/// banner and GET /health show it, so an operator can tell which build answers.
static class BuildVersion
{
    public static string Current { get; } =
        typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// A self-contained build carries its own .NET runtime, whose security fixes arrive only with a
    /// new build, so `--version` names it too.
    public static string Line => $"Callout {Current} (.NET {Environment.Version})";
}
