using System.Text.Json;
using Callout.Protocol.Errors;
using Callout.Protocol.Validation;

namespace Callout.Server.Management;

/// Typed reads of a management call's body. Each read checks its member the way the model's
/// readers do and answers the same ValidationException, naming the member; a JSON null is absent.
sealed class ManagementRequest(JsonElement body)
{
    public JsonElement Body => body;

    public string RequiredString(string member, int maxLength) =>
        OptionalString(member, maxLength) ?? throw Missing(member);

    public string? OptionalString(string member, int maxLength) => Read(member, (reader, value) =>
    {
        var text = reader.ReadString(value, member);
        if (text is not null)
        {
            reader.CheckLength(text, 1, maxLength, member);
        }
        return text;
    });

    public int? OptionalInt(string member, int min, int max) => Read(member, (reader, value) =>
    {
        var n = reader.ReadInteger(value, member);
        reader.CheckRange(n, min, max, member);
        return n;
    });

    public IReadOnlyList<string>? OptionalStringList(string member, int maxCount, int maxLength) => Read(member, (reader, value) =>
    {
        var list = reader.ReadList(value, member, (r, item, path) =>
        {
            var text = r.ReadString(item, path);
            if (text is not null)
            {
                r.CheckLength(text, 1, maxLength, path);
            }
            return text;
        });
        reader.CheckCount(list, 0, maxCount, member);
        return list;
    });

    public DateTimeOffset? OptionalTime(string member) => Read(member, (reader, value) => reader.ReadTimestamp(value, member));

    T? Read<T>(string member, Func<RequestReader, JsonElement, T?> read)
    {
        if (!body.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }
        var reader = new RequestReader();
        var result = read(reader, value);
        if (reader.Errors.Count > 0)
        {
            throw ValidationException.FromFields(reader.Errors, reader.HasTypeErrors);
        }
        return result;
    }

    static ValidationException Missing(string member)
    {
        var reader = new RequestReader();
        reader.CheckRequired<string>(null, member);
        return ValidationException.FromFields(reader.Errors, cannotParse: false);
    }
}
