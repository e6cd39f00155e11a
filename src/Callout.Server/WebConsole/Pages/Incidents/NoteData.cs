using System.Text.Json.Serialization;

namespace Callout.Server.WebConsole.Pages.Incidents;

/// The data of a note written in the console: its text and who wrote it.
sealed record NoteData(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("author")] string Author);

[JsonSerializable(typeof(NoteData))]
sealed partial class NoteJson : JsonSerializerContext;
