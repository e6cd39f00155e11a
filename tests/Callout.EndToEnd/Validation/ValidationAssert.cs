using System.Globalization;
using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Validation;

/// Reads the ValidationException envelope of docs/spec/protocol.md §4: 400, `__type` and header
/// agree, a `Reason`, and one `{Name, Message}` per violation.
static class ValidationAssert
{
    public const string NotNull = "Member must not be null";

    public static IReadOnlyList<(string Name, string Message)> Fails(ApiResponse response, string reason = "FIELD_VALIDATION_FAILED")
    {
        Assert.True(response.Status == 400, $"expected 400, got {response.Status}: {response.Text}");
        Assert.Equal("ValidationException", response.Type);
        Assert.Equal("ValidationException", response.ErrorType);
        Assert.Equal(reason, response.Json.GetProperty("Reason").GetString());
        Assert.False(string.IsNullOrEmpty(response.Message));
        if (!response.Json.TryGetProperty("Fields", out var fields))
        {
            return [];
        }
        return [.. fields.EnumerateArray().Select(f => (f.GetProperty("Name").GetString()!, f.GetProperty("Message").GetString()!))];
    }

    /// Exactly one violation, at `name`, with `message`; the top-level message says so in the singular.
    public static void FailsOnce(ApiResponse response, string name, string message)
    {
        var fields = Fails(response);
        Assert.Equal([(name, message)], fields);
        Assert.StartsWith("1 validation error detected: ", response.Message, StringComparison.Ordinal);
        Assert.Contains($"at '{name}' failed to satisfy constraint: {message}", response.Message, StringComparison.Ordinal);
    }

    /// The body could not be read as the input shape; the offending member is named.
    public static void CannotParse(ApiResponse response, string name)
    {
        var fields = Fails(response, "CANNOT_PARSE");
        Assert.Contains(fields, f => f.Name == name);
    }

    /// Validation passed: the call succeeded or failed on a later rule (a missing resource, a
    /// business rule, an operation not built yet), never on FIELD_VALIDATION_FAILED or CANNOT_PARSE.
    public static void PassesValidation(ApiResponse response)
    {
        Assert.True(response.Status is 200 or 400, $"expected 200 or 400, got {response.Status}: {response.Text}");
        if (response.Status == 200)
        {
            return;
        }
        var reason = response.Json.TryGetProperty("Reason", out var r) ? r.GetString() : null;
        Assert.False(response.Type == "ValidationException" && reason is "FIELD_VALIDATION_FAILED" or "CANNOT_PARSE",
            $"expected the input to pass validation, got {response.Text}");
    }

    public static string Count(int n) =>
        n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " validation error detected: " : " validation errors detected: ");
}
