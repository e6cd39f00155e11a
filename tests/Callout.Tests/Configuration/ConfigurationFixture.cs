using Callout.Server.Hosting;
using Callout.Server.Hosting.Configuration;
using Xunit;

namespace Callout.Tests.Configuration;

/// A working directory of its own per test, so ./callout.json and relative paths are the test's.
sealed class ConfigurationFixture : IDisposable
{
    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("callout-config-").FullName;

    public Dictionary<string, string> Environment { get; } = [];

    public void WriteFile(string name, string json) => File.WriteAllText(Path.Combine(WorkingDirectory, name), json);

    public (ServerOptions Server, DeliveryConfiguration Delivery) Load(params string[] args)
    {
        var (configuration, _) = CalloutConfiguration.Build(CommandLine.Parse(args), Environment, WorkingDirectory);
        return (ServerOptions.From(configuration, WorkingDirectory), DeliveryConfiguration.From(configuration));
    }

    public string LoadFails(params string[] args) => Assert.Throws<OptionsException>(() => Load(args)).Message;

    public void Dispose() => Directory.Delete(WorkingDirectory, recursive: true);
}
