namespace Callout.Protocol.Auth;

/// `AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/<service>/<terminator>, SignedHeaders=…, Signature=…`
/// taken apart without judging it: the authenticator decides what is acceptable, so Off mode can
/// read a scope that Strict mode would reject. Error wording follows what AWS endpoints answer.
internal sealed record AuthorizationHeader(
    string Algorithm,
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    string Terminator,
    string SignedHeaders,
    string Signature)
{
    public const string HmacSha256 = "AWS4-HMAC-SHA256";

    // In the order AWS lists them when several are missing.
    private static readonly string[] RequiredParameters = ["Credential", "Signature", "SignedHeaders"];

    public string Scope => $"{ScopeDate}/{Region}/{Service}/{Terminator}";

    /// Null with a reason when the header lacks a part SigV4 needs.
    public static AuthorizationHeader? Parse(string value, out string error)
    {
        if (!TrySplit(value, out var algorithm, out var parameters, out error))
        {
            return null;
        }
        var missing = RequiredParameters
            .Where(name => string.IsNullOrEmpty(parameters.GetValueOrDefault(name)))
            .Select(name => $"Authorization header requires '{name}' parameter.")
            .ToList();
        if (missing.Count > 0)
        {
            error = $"{string.Join(" ", missing)} Authorization={value}";
            return null;
        }
        var credential = parameters["Credential"];
        var scope = credential.Split('/');
        if (scope.Length != 5)
        {
            error = "Credential must have exactly 5 slash-delimited elements, "
                + $"e.g. keyid/date/region/service/term, got '{credential}'";
            return null;
        }
        error = "";
        return new AuthorizationHeader(
            algorithm, scope[0], scope[1], scope[2], scope[3], scope[4],
            parameters["SignedHeaders"], parameters["Signature"]);
    }

    /// Off mode wants only who and where, from whatever scope is there; anything unreadable is (null, null).
    /// It reads the header in place, as TrySplit would take it apart but without its dictionary
    /// and substrings: off mode reads it on every request.
    public static CallerScope ReadScopeLeniently(string? value)
    {
        if (value is null || !TryFindCredential(value, out var credential))
        {
            return new CallerScope(null, null);
        }
        var slash = credential.IndexOf('/');
        var key = slash < 0 ? credential : credential[..slash];
        if (key.IsEmpty)
        {
            return new CallerScope(null, null);
        }
        // SigV4a scopes (key/date/service/aws4_request) carry no region; the caller then gets the default.
        string? region = null;
        if (credential.Count('/') == 4)
        {
            var afterDate = credential[(slash + 1)..];
            afterDate = afterDate[(afterDate.IndexOf('/') + 1)..];
            var third = afterDate[..afterDate.IndexOf('/')];
            region = third.IsEmpty ? null : third.ToString();
        }
        return new CallerScope(key.ToString(), region);
    }

    /// The Credential parameter's value when TrySplit would accept the header and find one: every
    /// comma-separated part that is not blank is key=value, and the first Credential counts.
    private static bool TryFindCredential(ReadOnlySpan<char> value, out ReadOnlySpan<char> credential)
    {
        credential = default;
        var found = false;
        var trimmed = value.Trim();
        var space = trimmed.IndexOf(' ');
        var rest = space < 0 ? [] : trimmed[(space + 1)..];
        while (true)
        {
            var comma = rest.IndexOf(',');
            var part = (comma < 0 ? rest : rest[..comma]).Trim();
            if (!part.IsEmpty)
            {
                var eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    return false;
                }
                if (!found && part[..eq].Trim().SequenceEqual("Credential"))
                {
                    credential = part[(eq + 1)..].Trim();
                    found = true;
                }
            }
            if (comma < 0)
            {
                return found;
            }
            rest = rest[(comma + 1)..];
        }
    }

    private static bool TrySplit(
        string value, out string algorithm, out Dictionary<string, string> parameters, out string error)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var trimmed = value.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        algorithm = space < 0 ? trimmed : trimmed[..space];
        var rest = space < 0 ? "" : trimmed[(space + 1)..];
        foreach (var raw in rest.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"'{raw}' not a valid key=value pair (missing equal-sign) in Authorization header: '{value}'.";
                return false;
            }
            // The first occurrence wins, so a repeated parameter cannot override a signed one.
            parameters.TryAdd(raw[..eq].Trim(), raw[(eq + 1)..].Trim());
        }
        error = "";
        return true;
    }
}
