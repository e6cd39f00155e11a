using Npgsql;
using NpgsqlTypes;

namespace Callout.Storage.Postgres;

/// Typed parameters: a null is sent with its column's type, so PostgreSQL never has to guess one.
internal static class NpgsqlCommandExtensions
{
    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, string? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, long? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = (object?)value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, int value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = value });
        return command;
    }

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, int[] values)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = values });
        return command;
    }

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, bool value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = value });
        return command;
    }

    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, byte[] value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bytea) { Value = value });
        return command;
    }

    public static string? OptionalString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
