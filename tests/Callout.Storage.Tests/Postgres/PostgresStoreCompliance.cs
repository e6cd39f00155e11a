using Callout.Domain.Ports;
using Callout.Storage.Postgres;

namespace Callout.Storage.Tests.Postgres;

/// The contract on PostgreSQL, each test in a schema of its own (PostgresTestDatabase). Skipped
/// when CALLOUT_TEST_PG is not set (PostgresTestFramework).
public sealed class PostgresStoreCompliance : StoreCompliance, INeedPostgres
{
    string? schema;

    protected override IStore CreateStore()
    {
        (schema, var connectionString) = PostgresTestDatabase.CreateSchema();
        return PostgresStore.Create(connectionString);
    }

    protected override Task CleanupAsync() => schema is null ? Task.CompletedTask : PostgresTestDatabase.DropSchemaAsync(schema);
}
