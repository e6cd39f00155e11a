using System.Text;
using System.Text.Json;
using Callout.Protocol.Validation;

namespace Callout.Server.Incidents;

/// Members Callout stores as the caller sent them (a chat channel, notification targets, event
/// references, related items) go to the store as the wire JSON the generated writers produce and
/// come back through the generated readers, so what a caller reads is what it wrote.
static class ShapeJson
{
    public static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w, value);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string? WriteList<T>(IReadOnlyCollection<T>? values, Action<Utf8JsonWriter, T> write) =>
        values is null ? null : Write(values, (w, list) =>
        {
            w.WriteStartArray();
            foreach (var item in list)
            {
                write(w, item);
            }
            w.WriteEndArray();
        });

    /// The stored value read back; null when none was stored. Stored JSON was written by Write
    /// from a validated request, so a reader's complaint here means the database was changed
    /// behind Callout's back.
    public static T? Read<T>(string? json, Func<RequestReader, JsonElement, string, T?> read) where T : class
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        var reader = new RequestReader();
        var value = read(reader, document.RootElement, "");
        return reader.Errors.Count == 0
            ? value
            : throw new InvalidDataException("Stored incident data does not read back: " + reader.Errors[0].Message);
    }
}
