using Callout.Domain.Audit;
using Callout.Protocol.Auth;
using Callout.Protocol.Dispatch;
using Callout.Server.Hosting;
using Callout.Server.Management;
using NodaTime;

namespace Callout.Server.Audit;

/// The audit records of API calls that the handler did not write with its change: calls that
/// changed nothing (a replayed create, deactivating a channel that is off) and refused calls.
/// A refusal is recorded when the caller is known: the request authenticated (or auth is off), or
/// it failed its signature check with a configured access key. Requests with no credential or an
/// unknown key, throttled requests and calls of reads are not recorded: anyone can send those, and
/// they change nothing.
sealed class ApiAudit(AuditLog log, SigV4Authenticator authenticator, ManagementCatalog management, ServerOptions options, TimeProvider time)
{
    const string Throttled = "ThrottlingException";

    public Task SucceededAsync(RequestContext context, string? requestedResource)
    {
        if (!AuditedOperations.ChangesState(context.Operation))
        {
            return Task.CompletedTask;
        }
        var record = AuditLog.For(context, context.Audit.ResourceArn ?? requestedResource, AuditRecord.Success);
        if (context.Audit.Written)
        {
            log.Stored(record);
            return Task.CompletedTask;
        }
        // Written after the answer is decided and whatever the client does next.
        return log.AppendAloneAsync(record, CancellationToken.None);
    }

    /// `caller` is null when authentication itself failed, `context` when the request failed before
    /// it had one (a body that is not JSON).
    public Task RefusedAsync(HttpContext http, string requestId, string? target, CallerScope? caller, RequestContext? context,
        string? requestedResource, string errorCode)
    {
        var operation = context?.Operation ?? AuditedOperations.NameOf(target, management);
        // A throttled request is not recorded: writing a record for each would undo the throttle.
        if (operation is null || !AuditedOperations.ChangesState(operation) || errorCode == Throttled)
        {
            return Task.CompletedTask;
        }
        if (context is not null)
        {
            return log.AppendAloneAsync(AuditLog.For(context, context.Audit.ResourceArn ?? requestedResource, errorCode), CancellationToken.None);
        }
        if (caller is null)
        {
            if (authenticator.ClaimedKnownCaller(http.Request.Headers.Authorization.ToString()) is not { } claimed)
            {
                return Task.CompletedTask;
            }
            // The scope was not verified: the key fixes the account, but a region that is not
            // one is taken as the default rather than written into the log.
            caller = claimed with { Region = IsRegion(claimed.Region) ? claimed.Region : null };
        }
        var record = new AuditRecord(
            Instant.FromDateTimeOffset(time.GetUtcNow()),
            authenticator.ResolveAccount(caller.AccessKeyId, options.DefaultAccount),
            caller.Region ?? options.DefaultRegion,
            AuditLog.CallerOf(caller.AccessKeyId),
            SourceOf(http),
            operation,
            requestedResource,
            requestId,
            errorCode);
        return log.AppendAloneAsync(record, CancellationToken.None);
    }

    public static string? SourceOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    static bool IsRegion(string? region) =>
        region is { Length: > 0 and <= 32 } && region.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
