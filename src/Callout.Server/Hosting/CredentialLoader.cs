using System.Text.Json;
using Callout.Protocol.Auth;

namespace Callout.Server.Hosting;

/// Credentials for `--auth strict`, from a JSON file
/// (`[{"accessKeyId": "...", "secretAccessKey": "...", "accountId": "111122223333"}]`, each with an
/// optional `"sessionToken"` that requests signed with the key must then carry)
/// and/or `--credentials "KEY:SECRET:ACCOUNT,KEY2:SECRET2:ACCOUNT2"`.
static class CredentialLoader
{
    public static IReadOnlyCollection<Credential> Load(ServerOptions options)
    {
        var list = new List<Credential>();
        if (options.CredentialsFile is { } file)
        {
            list.AddRange(FromFile(file));
        }
        if (options.Credentials is { } inline)
        {
            foreach (var entry in inline.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var first = entry.IndexOf(':', StringComparison.Ordinal);
                var last = entry.LastIndexOf(':');
                if (first <= 0 || last <= first)
                {
                    throw new OptionsException("--credentials entries are KEY:SECRET:ACCOUNT, separated by commas.");
                }
                list.Add(Checked(entry[..first], entry[(first + 1)..last], entry[(last + 1)..]));
            }
        }
        return list;
    }

    static IEnumerable<Credential> FromFile(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new OptionsException($"Cannot read the credentials file {path}: {e.Message.ReplaceLineEndings(" ")}");
        }
        using var _ = doc;
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new OptionsException($"{path} must hold a JSON array of credentials.");
        }
        var list = new List<Credential>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            list.Add(Checked(Text(e, "accessKeyId", path), Text(e, "secretAccessKey", path), Text(e, "accountId", path))
                with { SessionToken = OptionalText(e, "sessionToken", path) });
        }
        return list;
    }

    static string Text(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new OptionsException($"Each credential in {path} needs a string '{name}'.");

    static string? OptionalText(JsonElement e, string name, string path) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString()
        : throw new OptionsException($"'{name}' in {path} must be a non-empty string when present.");

    static Credential Checked(string key, string secret, string account) =>
        key.Length > 0 && secret.Length > 0 && account.Length == 12 && account.All(char.IsAsciiDigit)
            ? new Credential(key, secret, account)
            : throw new OptionsException($"Credential '{key}' needs a key, a secret and a 12-digit account.");
}
