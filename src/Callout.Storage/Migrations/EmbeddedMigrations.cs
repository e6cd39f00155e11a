using System.Globalization;

namespace Callout.Storage.Migrations;

/// The migration scripts compiled into this assembly for one dialect, in version order.
internal static class EmbeddedMigrations
{
    public static IReadOnlyList<Migration> For(string dialect)
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var prefix = dialect + "/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            var name = resource[prefix.Length..^".sql".Length];
            var digits = name.Split('_', 2)[0];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' must be named NNNN_description.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (migrations.Zip(migrations.Skip(1)).FirstOrDefault(pair => pair.First.Version == pair.Second.Version) is ({ } first, { } second))
        {
            throw new InvalidOperationException($"Migrations {first.Name} and {second.Name} share a version.");
        }
        return migrations;
    }
}
