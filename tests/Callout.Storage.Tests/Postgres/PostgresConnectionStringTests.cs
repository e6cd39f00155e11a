using Callout.Storage.Postgres;
using Npgsql;
using Xunit;

namespace Callout.Storage.Tests.Postgres;

/// Needs no server: both forms of connection string come out as Npgsql keywords.
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void a_url_becomes_npgsql_keywords()
    {
        var parsed = Parse("postgres://callout:s3cr%40t%3Aw%2Fslash@db.example.com:6543/calls?sslmode=verify-full&application_name=node%201");

        Assert.Equal("db.example.com", parsed.Host);
        Assert.Equal(6543, parsed.Port);
        Assert.Equal("callout", parsed.Username);
        Assert.Equal("s3cr@t:w/slash", parsed.Password);
        Assert.Equal("calls", parsed.Database);
        Assert.Equal(SslMode.VerifyFull, parsed.SslMode);
        Assert.Equal("node 1", parsed.ApplicationName);
    }

    [Fact]
    public void a_postgresql_url_without_port_or_password_keeps_the_defaults()
    {
        var parsed = Parse("postgresql://jane@localhost/callout");

        Assert.Equal("localhost", parsed.Host);
        Assert.Equal(NpgsqlConnection.DefaultPort, parsed.Port);
        Assert.Equal("jane", parsed.Username);
        Assert.Null(parsed.Password);
        Assert.Equal("callout", parsed.Database);
    }

    [Fact]
    public void an_ipv6_host_loses_its_brackets()
    {
        Assert.Equal("::1", Parse("postgres://u:p@[::1]:5432/db").Host);
    }

    [Fact]
    public void npgsql_keywords_in_a_url_are_passed_on()
    {
        var parsed = Parse("postgres://u:p@h/db?Search%20Path=callout&Maximum%20Pool%20Size=7");

        Assert.Equal("callout", parsed.SearchPath);
        Assert.Equal(7, parsed.MaxPoolSize);
    }

    [Fact]
    public void a_url_parameter_neither_libpq_nor_npgsql_knows_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresConnectionString.Normalize("postgres://u:p@h/db?frobnicate=1"));

        Assert.Contains("frobnicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void keywords_are_taken_as_they_are()
    {
        var parsed = Parse("Host=127.0.0.1;Port=5432;Username=callout;Password=callout;Database=callout");

        Assert.Equal("127.0.0.1", parsed.Host);
        Assert.Equal("callout", parsed.Database);
    }

    static NpgsqlConnectionStringBuilder Parse(string connectionString) =>
        new(PostgresConnectionString.Normalize(connectionString));
}
