using Callout.CodeGen;

// Usage:
//   codegen extract <service-2.json.gz> <paginators-1.json>   refresh spec/ssm-contacts/model.json from botocore
//   codegen                                                   regenerate src/Callout.Protocol/Generated from it
var root = RepoPaths.FindRoot(AppContext.BaseDirectory);
if (args.Length == 3 && args[0] == "extract")
{
    var compact = ModelExtractor.Extract(args[1], args[2]);
    File.WriteAllText(RepoPaths.Model(root), compact);
    Console.WriteLine($"wrote {RepoPaths.Model(root)}");
    return 0;
}
if (args.Length != 0)
{
    Console.Error.WriteLine("usage: codegen [extract <service-2.json.gz> <paginators-1.json>]");
    return 2;
}
var model = ServiceModel.Load(File.ReadAllText(RepoPaths.Model(root)));
foreach (var (name, text) in ProtocolGenerator.Generate(model))
{
    var path = Path.Combine(RepoPaths.GeneratedDir(root), name);
    File.WriteAllText(path, text);
    Console.WriteLine($"wrote {path}");
}
return 0;
