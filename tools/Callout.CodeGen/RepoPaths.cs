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

    public static string Model(string root) => Path.Combine(root, "spec", "ssm-contacts", "model.json");

    public static string GeneratedDir(string root) => Path.Combine(root, "src", "Callout.Protocol", "Generated");
}
