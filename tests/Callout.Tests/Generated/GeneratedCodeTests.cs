using System.Diagnostics;
using Callout.CodeGen;
using Xunit;

namespace Callout.Tests.Generated;

/// The protocol layer is generated from spec/ssm-contacts/model.json and checked in; these tests
/// fail when someone edits the output by hand or changes the generator without regenerating.
public sealed class GeneratedCodeTests
{
    static readonly string Root = RepoPaths.FindRoot(AppContext.BaseDirectory);

    [Theory]
    [InlineData(RepoPaths.SsmContacts)]
    [InlineData(RepoPaths.SsmIncidents)]
    public void generated_protocol_code_is_up_to_date_with_the_model(string service)
    {
        var model = ServiceModel.Load(File.ReadAllText(RepoPaths.Model(Root, service)));
        foreach (var (name, text) in ProtocolGenerator.Generate(model))
        {
            var onDisk = File.ReadAllText(Path.Combine(RepoPaths.GeneratedDir(Root, service), name));
            Assert.True(onDisk == text, $"{service} {name} is stale: run `dotnet run --project tools/Callout.CodeGen`.");
        }
    }

    [Fact]
    public void the_incidents_model_covers_all_31_operations_over_rest_json()
    {
        var model = ServiceModel.Load(File.ReadAllText(RepoPaths.Model(Root, RepoPaths.SsmIncidents)));
        Assert.Equal(31, model.Operations.Count);
        Assert.Equal("rest-json", model.Protocol);
        Assert.Equal(201, model.Operations["CreateReplicationSet"].ResponseCode);
        Assert.Equal("GET", model.Operations["GetReplicationSet"].Method);
    }

    [Fact]
    public void the_model_covers_all_39_operations()
    {
        var model = ServiceModel.Load(File.ReadAllText(RepoPaths.Model(Root)));
        Assert.Equal(39, model.Operations.Count);
    }

    /// botocore is installed wherever the tests run (the boto3 client tests need it), so the
    /// committed model can be checked against the authoritative one.
    [Theory]
    [InlineData(RepoPaths.SsmContacts, "2021-05-03")]
    [InlineData(RepoPaths.SsmIncidents, "2018-05-10")]
    public void the_committed_model_matches_botocores(string service, string version)
    {
        var dir = Botocore.DataDirectory(service, version);
        var fresh = ModelExtractor.Extract(Path.Combine(dir, "service-2.json.gz"), Path.Combine(dir, "paginators-1.json"));
        Assert.True(fresh == File.ReadAllText(RepoPaths.Model(Root, service)),
            $"spec/{service}/model.json differs from botocore's model: run `dotnet run --project tools/Callout.CodeGen -- extract ...` (see docs/development.md).");
    }

    static class Botocore
    {
        public static string DataDirectory(string service, string version)
        {
            var info = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
            };
            using var p = Process.Start(info)!;
            var dir = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return Path.Combine(dir, "data", service, version);
        }
    }
}
