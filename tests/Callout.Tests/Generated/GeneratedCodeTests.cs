using System.Diagnostics;
using Callout.CodeGen;
using Xunit;

namespace Callout.Tests.Generated;

/// The protocol layer is generated from spec/ssm-contacts/model.json and checked in; these tests
/// fail when someone edits the output by hand or changes the generator without regenerating.
public sealed class GeneratedCodeTests
{
    static readonly string Root = RepoPaths.FindRoot(AppContext.BaseDirectory);

    [Fact]
    public void generated_protocol_code_is_up_to_date_with_the_model()
    {
        var model = ServiceModel.Load(File.ReadAllText(RepoPaths.Model(Root)));
        foreach (var (name, text) in ProtocolGenerator.Generate(model))
        {
            var onDisk = File.ReadAllText(Path.Combine(RepoPaths.GeneratedDir(Root), name));
            Assert.True(onDisk == text, $"{name} is stale: run `dotnet run --project tools/Callout.CodeGen`.");
        }
    }

    [Fact]
    public void the_model_covers_all_39_operations()
    {
        var model = ServiceModel.Load(File.ReadAllText(RepoPaths.Model(Root)));
        Assert.Equal(39, model.Operations.Count);
    }

    /// botocore is installed wherever the tests run (the boto3 client tests need it), so the
    /// committed model can be checked against the authoritative one.
    [Fact]
    public void the_committed_model_matches_botocores()
    {
        var dir = Botocore.DataDirectory();
        var fresh = ModelExtractor.Extract(Path.Combine(dir, "service-2.json.gz"), Path.Combine(dir, "paginators-1.json"));
        Assert.True(fresh == File.ReadAllText(RepoPaths.Model(Root)),
            "spec/ssm-contacts/model.json differs from botocore's model: run `dotnet run --project tools/Callout.CodeGen -- extract ...` (see docs/development.md).");
    }

    static class Botocore
    {
        public static string DataDirectory()
        {
            var info = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
            {
                RedirectStandardOutput = true,
            };
            using var p = Process.Start(info)!;
            var dir = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return Path.Combine(dir, "data", "ssm-contacts", "2021-05-03");
        }
    }
}
