using Callout.Domain.Audit;
using Callout.Server.Api;
using Callout.Server.Hosting;
using NodaTime;

namespace Callout.Server.Audit;

/// Audit records of `POST /_callout/clock/advance`. The clock is the whole server's and the
/// endpoint carries no credential, so its records go to the default account and region (the
/// operator's own, --default-account and --default-region) with the caller "operator".
sealed class ClockAudit(AuditLog log, ServerOptions options)
{
    public const string Operation = "Admin.AdvanceClock";

    /// The outcome of an advance the endpoint refused (bad input, or the system clock).
    public const string Refused = "ValidationException";

    public Task RecordAsync(HttpContext http, DateTimeOffset received, string outcome) => log.AppendAloneAsync(
        new AuditRecord(Instant.FromDateTimeOffset(received), options.DefaultAccount, options.DefaultRegion, AuditLog.Operator,
            ApiAudit.SourceOf(http), Operation, null, RequestIds.Next(), outcome),
        CancellationToken.None);
}
