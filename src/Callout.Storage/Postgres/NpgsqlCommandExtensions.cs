using Npgsql;
using NpgsqlTypes;

namespace Callout.Storage.Postgres;

/// The array parameters of PostgreSQL's own statements (the advisory locks' keys), which the
/// shared Bind overloads (DbCommandExtensions) leave out.
internal static class NpgsqlCommandExtensions
{
    public static NpgsqlCommand Bind(this NpgsqlCommand command, string name, int[] values)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = values });
        return command;
    }
}
