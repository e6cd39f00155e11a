using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Arns;
using Npgsql;

namespace Callout.Storage.Postgres;

/// The transaction-level advisory locks of one engagement, one page or one idempotency token. They use the two-int4-key
/// form of pg_advisory_xact_lock, which PostgreSQL keeps apart from the single-bigint keys of the
/// scope and migration locks, so the kinds never collide. Each is a SELECT returning one row.
static class ResourceLock
{
    public static NpgsqlCommand Engagement(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountScope scope, string engagementId) =>
        Command(connection, transaction, $"callout/engagement/{scope.AccountId}/{scope.Region}/{engagementId}");

    public static NpgsqlCommand Page(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountScope scope, string pageId) =>
        Command(connection, transaction, $"callout/page/{scope.AccountId}/{scope.Region}/{pageId}");

    public static NpgsqlCommand IdempotencyToken(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountScope scope, string operation, string token) =>
        Command(connection, transaction, $"callout/idempotency/{scope.AccountId}/{scope.Region}/{operation}/{token}");

    static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return new NpgsqlCommand("SELECT pg_advisory_xact_lock(@high, @low)", connection, transaction)
            .Bind("@high", BinaryPrimitives.ReadInt32LittleEndian(hash))
            .Bind("@low", BinaryPrimitives.ReadInt32LittleEndian(hash.AsSpan(4)));
    }
}
