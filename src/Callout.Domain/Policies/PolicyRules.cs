using System.Text.Json;
using Callout.Domain.Errors;

namespace Callout.Domain.Policies;

/// A contact policy is an IAM resource policy document. RAM sharing does not support Deny
/// statements (docs/spec/domain.md §2.9), so neither do we.
public static class PolicyRules
{
    public static void Check(string policy)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(policy, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            throw new InvalidRequest("The policy is not a valid JSON document.", "policy");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("Statement", out var statements))
            {
                throw new InvalidRequest("The policy must be a JSON object with a Statement.", "policy");
            }
            var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
            foreach (var s in list)
            {
                if (s.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidRequest("Each policy statement must be a JSON object.", "policy");
                }
                if (s.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String
                    && string.Equals(effect.GetString(), "Deny", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidRequest("Contact policies cannot contain Deny statements.", "policy");
                }
            }
        }
    }
}
