using Callout.CodeGen;

// Usage:
//   codegen extract <service-2.json.gz> <paginators-1.json>   refresh spec/<signing name>/model.json from botocore
//   codegen                                                   regenerate src/Callout.Protocol/Generated from them
var root = RepoPaths.FindRoot(AppContext.BaseDirectory);
if (args.Length == 3 && args[0] == "extract")
{
    var compact = ModelExtractor.Extract(args[1], args[2]);
    var path = RepoPaths.Model(root, ModelExtractor.SigningNameOf(compact));
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, compact);
    Console.WriteLine($"wrote {path}");
    return 0;
}
if (args.Length != 0)
{
    Console.Error.WriteLine("usage: codegen [extract <service-2.json.gz> <paginators-1.json>]");
    return 2;
}
foreach (var service in RepoPaths.Services)
{
    var model = ServiceModel.Load(File.ReadAllText(RepoPaths.Model(root, service)));
    var dir = RepoPaths.GeneratedDir(root, service);
    Directory.CreateDirectory(dir);
    foreach (var (name, text) in ProtocolGenerator.Generate(model))
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }
}
return 0;
