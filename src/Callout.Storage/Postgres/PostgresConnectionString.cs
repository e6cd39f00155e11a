using System.Globalization;
using Npgsql;

namespace Callout.Storage.Postgres;

/// Connection strings in either of the two forms operators have at hand: a libpq URL
/// (`postgres://user:pass@host:5432/db?sslmode=require`, as hosting providers hand them out) or
/// Npgsql's keywords (`Host=...;Username=...`). Both come out as Npgsql keywords.
public static class PostgresConnectionString
{
    /// A URL is converted; anything else is taken as Npgsql keywords and checked by parsing it.
    public static string Normalize(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrl(text);
        }
        return new NpgsqlConnectionStringBuilder(text).ConnectionString;
    }

    /// One host per URL (Npgsql's `Host=a,b` keyword form covers several). User, password and
    /// database are percent-decoded; libpq's query parameters are mapped to Npgsql's keywords, and
    /// any other parameter is passed on as an Npgsql keyword (`?Maximum%20Pool%20Size=50`).
    static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException("The PostgreSQL URL is not a valid URL.", nameof(url));
        }
        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.DnsSafeHost.Length > 0)
        {
            builder.Host = uri.DnsSafeHost;
        }
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            Apply(builder, key, value);
        }
        return builder.ConnectionString;
    }

    static void Apply(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        switch (key)
        {
            case "sslmode":
                // libpq's disable, allow, prefer, require, verify-ca and verify-full.
                builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
                return;
            case "host":
                builder.Host = value;
                return;
            case "port":
                builder.Port = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                return;
            case "user":
                builder.Username = value;
                return;
            case "password":
                builder.Password = value;
                return;
            case "dbname":
                builder.Database = value;
                return;
            case "application_name":
                builder.ApplicationName = value;
                return;
            case "connect_timeout":
                builder.Timeout = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                return;
            case "options":
                builder.Options = value;
                return;
            case "sslrootcert":
                builder.RootCertificate = value;
                return;
            case "sslcert":
                builder.SslCertificate = value;
                return;
            case "sslkey":
                builder.SslKey = value;
                return;
            case "target_session_attrs":
                builder["Target Session Attributes"] = value;
                return;
            default:
                try
                {
                    builder[key] = value;
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"The PostgreSQL URL has the parameter '{key}', which is neither libpq's nor Npgsql's.", e);
                }
                return;
        }
    }
}
