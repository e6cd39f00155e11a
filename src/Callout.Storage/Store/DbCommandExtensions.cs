using System.Data;
using System.Data.Common;

namespace Callout.Storage.Store;

/// Typed parameters for both databases: a null is sent with its column's type, so PostgreSQL never
/// has to guess one. SQLite binds by value (a bool as 0 or 1) and is told the same types.
internal static class DbCommandExtensions
{
    public static T Bind<T>(this T command, string name, string? value) where T : DbCommand =>
        Add(command, name, DbType.String, value);

    public static T Bind<T>(this T command, string name, long? value) where T : DbCommand =>
        Add(command, name, DbType.Int64, value);

    public static T Bind<T>(this T command, string name, int value) where T : DbCommand =>
        Add(command, name, DbType.Int32, value);

    public static T Bind<T>(this T command, string name, bool value) where T : DbCommand =>
        Add(command, name, DbType.Boolean, value);

    public static T Bind<T>(this T command, string name, byte[] value) where T : DbCommand =>
        Add(command, name, DbType.Binary, value);

    static T Add<T>(T command, string name, DbType type, object? value) where T : DbCommand
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
