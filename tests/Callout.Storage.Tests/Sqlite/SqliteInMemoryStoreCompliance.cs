using Callout.Domain.Ports;
using Callout.Storage.Sqlite;

namespace Callout.Storage.Tests.Sqlite;

public sealed class SqliteInMemoryStoreCompliance : StoreCompliance
{
    protected override IStore CreateStore() => SqliteStore.OpenInMemory();
}
