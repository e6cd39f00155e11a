using System.Globalization;
using Npgsql;

namespace Callout.Storage.Postgres;

/// Connection strings in either of the two forms operators have at hand: a libpq URL
/// (`postgres://user:pass@host:5432/db?sslmode=require`, as hosting providers hand them out) or
/// Npgsql's keywords (`Host=...;Username=...`). Both come out as Npgsql keywords.
public static class PostgresConnectionString
{
    // libpq's query parameters that Npgsql spells otherwise; any other is taken as an Npgsql keyword.
    static readonly Dictionary<string, string> LibpqKeywords = new(StringComparer.Ordinal)
    {
        ["host"] = "Host", ["port"] = "Port", ["user"] = "Username", ["password"] = "Password",
        ["dbname"] = "Database", ["application_name"] = "Application Name", ["connect_timeout"] = "Timeout",
        ["options"] = "Options", ["sslmode"] = "SSL Mode", ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate", ["sslkey"] = "SSL Key", ["target_session_attrs"] = "Target Session Attributes",
    };

    /// A URL is converted; anything else is taken as Npgsql keywords and checked by parsing it.
    public static string Normalize(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(text)
            : new NpgsqlConnectionStringBuilder(text).ConnectionString;
    }

    /// One host per URL (Npgsql's `Host=a,b` keyword form covers several). User, password and
    /// database are percent-decoded, as are the query's keys and values (`?Maximum%20Pool%20Size=50`).
    static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("The PostgreSQL URL is not a valid URL.", nameof(url));
        }
        var builder = new NpgsqlConnectionStringBuilder();
        var userInfo = uri.UserInfo.Split(':', 2);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        // What the URL leaves out keeps Npgsql's default.
        var given = new List<(string Key, string? Value)>
        {
            ("host", uri.DnsSafeHost.Length > 0 ? uri.DnsSafeHost : null),
            ("port", uri.Port > 0 ? uri.Port.ToString(CultureInfo.InvariantCulture) : null),
            ("user", uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null),
            ("password", userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null),
            ("dbname", database.Length > 0 ? database : null),
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var keyValue = pair.Replace('+', ' ').Split('=', 2);
            given.Add((Uri.UnescapeDataString(keyValue[0]), keyValue.Length > 1 ? Uri.UnescapeDataString(keyValue[1]) : ""));
        }
        foreach (var (key, value) in given.Where(p => p.Value is not null))
        {
            try
            {
                // libpq spells SSL modes verify-ca and verify-full; Npgsql, VerifyCA and VerifyFull.
                builder[LibpqKeywords.GetValueOrDefault(key, key)] = key == "sslmode" ? value!.Replace("-", "", StringComparison.Ordinal) : value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException(
                    $"The PostgreSQL URL has the parameter '{key}', which is neither libpq's nor Npgsql's, or a value it does not take.", e);
            }
        }
        return builder.ConnectionString;
    }
}
