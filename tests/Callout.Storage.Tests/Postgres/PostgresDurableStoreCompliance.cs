using Callout.Domain.Ports;
using Callout.Storage.Postgres;

namespace Callout.Storage.Tests.Postgres;

/// The durability half of the contract on PostgreSQL. A restarted server and a node killed with
/// -9 look the same from here: another store (its own pool, its own connections) over the same
/// schema, opened while the first one is still open; what was committed is on the server.
public sealed class PostgresDurableStoreCompliance : DurableStoreCompliance, INeedPostgres
{
    string? schema;
    string connectionString = "";

    protected override IStore CreateStore()
    {
        (schema, connectionString) = PostgresTestDatabase.CreateSchema();
        return PostgresStore.Create(connectionString);
    }

    protected override IStore OpenAgain() => PostgresStore.Create(connectionString);

    protected override IStore OpenAfterCrash() => PostgresStore.Create(connectionString);

    protected override Task CleanupAsync() => schema is null ? Task.CompletedTask : PostgresTestDatabase.DropSchemaAsync(schema);
}
