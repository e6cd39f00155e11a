namespace Callout.CodeGen;

public static class RepoPaths
{
    public static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Callout.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Callout.slnx not found above " + start);
    }

    public const string SsmContacts = "ssm-contacts";
    public const string SsmIncidents = "ssm-incidents";

    /// The services whose protocol layer is generated, by signing name.
    public static readonly IReadOnlyList<string> Services = [SsmContacts, SsmIncidents];

    public static string Model(string root) => Model(root, SsmContacts);

    public static string Model(string root, string service) => Path.Combine(root, "spec", service, "model.json");

    public static string GeneratedDir(string root) => Path.Combine(root, "src", "Callout.Protocol", "Generated");

    /// ssm-contacts, the first service, owns the Generated folder itself; later ones get a subfolder.
    public static string GeneratedDir(string root, string service) => service == SsmContacts
        ? GeneratedDir(root)
        : Path.Combine(GeneratedDir(root), GeneratorNames.For(service).Folder);
}
