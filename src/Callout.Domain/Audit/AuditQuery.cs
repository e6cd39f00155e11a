using NodaTime;

namespace Callout.Domain.Audit;

/// Which of a scope's audit records to list: those at or after From and before To, of one
/// operation and one resource when given, newest first, starting below the record `Before` (a
/// sequence number from an earlier page) when given.
public sealed record AuditQuery(Instant? From, Instant? To, string? Operation, string? ResourceArn, long? Before, int Limit);
