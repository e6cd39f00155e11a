using System.Text.Json;
using Callout.Protocol.Validation;

namespace Callout.Protocol.Errors;

public sealed class ValidationException(string message, string reason, IReadOnlyList<FieldError> fields)
    : ApiException("ValidationException", message)
{
    public const string CannotParse = "CANNOT_PARSE";
    public const string FieldValidationFailed = "FIELD_VALIDATION_FAILED";
    public const string UnknownOperation = "UNKNOWN_OPERATION";
    public const string Other = "OTHER";

    public string Reason { get; } = reason;

    public IReadOnlyList<FieldError> Fields { get; } = fields;

    public static ValidationException Because(string message) => new(message, Other, []);

    /// A business rule one member broke; the message is the rule's own wording
    /// ("Invalid value provided - ..." for rotations, docs/spec/rotations.md §5).
    public static ValidationException ForField(string field, string message) =>
        new(message, Other, [new FieldError(field, message, "")]);

    /// Coral's wording: "2 validation errors detected: Value 'X' at 'alias' failed to satisfy constraint: ...; ...".
    public static ValidationException FromFields(IReadOnlyList<FieldError> fields, bool cannotParse)
    {
        if (fields.Count == 0)
        {
            return new ValidationException("The request body could not be parsed as a JSON object.", CannotParse, []);
        }
        var noun = fields.Count == 1 ? "validation error" : "validation errors";
        var parts = fields.Select(f => $"{f.Detail} at '{f.Name}' failed to satisfy constraint: {f.Message}");
        return new ValidationException(
            $"{fields.Count} {noun} detected: {string.Join("; ", parts)}",
            cannotParse ? CannotParse : FieldValidationFailed,
            fields);
    }

    public override void WriteMembers(Utf8JsonWriter w)
    {
        w.WriteString("Reason", Reason);
        if (Fields.Count > 0)
        {
            w.WriteStartArray("Fields");
            foreach (var f in Fields)
            {
                w.WriteStartObject();
                w.WriteString("Name", f.Name);
                w.WriteString("Message", f.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
    }
}
