using System.Text.Json;

namespace Callout.Testing.Vectors;

/// tests/vectors/rotation-shifts.json, the one table of rotation test vectors that the calculator,
/// API and client tests all read. Test projects copy it to vectors/ in their output.
public static class RotationVectors
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "vectors", "rotation-shifts.json");

    static readonly Lazy<IReadOnlyList<RotationVector>> Table = new(Load);

    public static IReadOnlyList<RotationVector> All => Table.Value;

    public static RotationVector Get(int number) => All.Single(v => v.Number == number);

    // A misspelt or missing member fails the load instead of silently checking less.
    static readonly JsonSerializerOptions Strict = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    sealed record File(string About, IReadOnlyList<RotationVector> Vectors);

    static IReadOnlyList<RotationVector> Load()
    {
        var file = JsonSerializer.Deserialize<File>(System.IO.File.ReadAllBytes(Path), Strict) ?? throw new InvalidDataException($"{Path} is empty");
        var numbers = file.Vectors.Select(v => v.Number).ToList();
        if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)))
        {
            throw new InvalidDataException($"{Path}: vectors must be numbered 1, 2, 3… in order, found {string.Join(",", numbers)}");
        }
        return file.Vectors;
    }
}
