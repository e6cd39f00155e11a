using Callout.Domain.Audit;
using Callout.Server.Admin;
using Callout.Server.Api;
using Callout.Server.Hosting;
using NodaTime;

namespace Callout.Server.Audit;

/// Audit records of `POST /_callout/clock/advance`. Under --auth strict the advance is signed and
/// recorded in its signer's account and region, with the access key as caller. Under --auth off
/// it carries no credential, so its records go to the default account and region (the operator's
/// own, --default-account and --default-region) with the caller "operator".
sealed class ClockAudit(AuditLog log, ServerOptions options)
{
    public const string Operation = "Admin.AdvanceClock";

    /// The outcome of an advance the endpoint refused (bad input, or the system clock).
    public const string Refused = "ValidationException";

    public Task RecordAsync(HttpContext http, DateTimeOffset received, string outcome)
    {
        var signer = http.Features.Get<SignedCaller>();
        return log.AppendAloneAsync(
            new AuditRecord(Instant.FromDateTimeOffset(received),
                signer?.Scope.AccountId ?? options.DefaultAccount, signer?.Scope.Region ?? options.DefaultRegion,
                signer?.AccessKeyId ?? AuditLog.Operator,
                ApiAudit.SourceOf(http), Operation, null, RequestIds.Next(), outcome),
            CancellationToken.None);
    }
}
