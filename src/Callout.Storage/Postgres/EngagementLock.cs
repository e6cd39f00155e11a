using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Callout.Domain.Arns;
using Npgsql;

namespace Callout.Storage.Postgres;

/// The transaction-level advisory lock of one engagement. It uses the two-int4-key form of
/// pg_advisory_xact_lock, which PostgreSQL keeps apart from the single-bigint keys of the scope
/// and migration locks, so the two kinds never collide.
static class EngagementLock
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, AccountScope scope, string engagementId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"callout/engagement/{scope.AccountId}/{scope.Region}/{engagementId}"));
        return new NpgsqlCommand("SELECT pg_advisory_xact_lock(@high, @low)", connection, transaction)
            .Bind("@high", BinaryPrimitives.ReadInt32LittleEndian(hash))
            .Bind("@low", BinaryPrimitives.ReadInt32LittleEndian(hash.AsSpan(4)));
    }
}
