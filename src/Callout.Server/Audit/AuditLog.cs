using System.Text;
using System.Text.Json;
using Callout.Domain.Arns;
using Callout.Domain.Audit;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using NodaTime;
using NodaTime.Text;

namespace Callout.Server.Audit;

/// Writes audit records: in the transaction of a change (AuditedCommit), or on their own for a
/// call that was refused or changed nothing; and once a record is stored, one JSON object per
/// line to the log category Callout.Audit, for an operator to ship (docs/security.md).
sealed partial class AuditLog(IStore store, ILoggerFactory loggers)
{
    /// The log category of the JSON lines; Program keeps it at Information whatever the log level.
    public const string Category = "Callout.Audit";

    /// The caller of an unsigned request (auth off).
    public const string Anonymous = "anonymous";

    /// The caller of Callout's own admin endpoints, which carry no credential.
    public const string Operator = "operator";

    readonly ILogger log = loggers.CreateLogger(Category);

    // Under --auth off the access key is whatever the caller wrote in its credential scope.
    const int MaxCallerLength = 128;

    public static AuditRecord For(RequestContext context, string? resourceArn, string outcome) => new(
        Instant.FromDateTimeOffset(context.ReceivedAt), context.AccountId, context.Region, CallerOf(context.AccessKeyId),
        context.SourceAddress, context.Operation, resourceArn, context.RequestId, outcome);

    public static string CallerOf(string? accessKeyId) =>
        accessKeyId is null ? Anonymous : accessKeyId.Length <= MaxCallerLength ? accessKeyId : accessKeyId[..MaxCallerLength];

    /// A record in a session of its own. The call it records is over, so a store that fails here
    /// is logged rather than turned into the call's answer.
    public async Task AppendAloneAsync(AuditRecord record, CancellationToken ct)
    {
        try
        {
            await using var session = await store.OpenAsync(AccountScope.For(record.Region, record.AccountId), write: true, ct);
            await session.AppendAuditAsync(record, ct);
            await session.CommitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotStored(e, record.Operation, record.RequestId);
            return;
        }
        Stored(record);
    }

    /// Logs a record that is stored.
    public void Stored(AuditRecord record)
    {
        if (log.IsEnabled(LogLevel.Information))
        {
            var json = ToJson(record);
            LogEvent(json);
        }
    }

    public static string ToJson(AuditRecord record)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Time", InstantPattern.ExtendedIso.Format(record.Time));
            w.WriteString("AccountId", record.AccountId);
            w.WriteString("Region", record.Region);
            w.WriteString("Caller", record.Caller);
            WriteIfPresent(w, "SourceAddress", record.SourceAddress);
            w.WriteString("Operation", record.Operation);
            WriteIfPresent(w, "ResourceArn", record.ResourceArn);
            w.WriteString("RequestId", record.RequestId);
            w.WriteString("Outcome", record.Outcome);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    static void WriteIfPresent(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    [LoggerMessage(EventId = 1, EventName = "AuditEvent", Level = LogLevel.Information, Message = "{AuditEvent}")]
    partial void LogEvent(string auditEvent);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit record of {Operation} could not be stored; request {RequestId}")]
    partial void LogNotStored(Exception exception, string operation, string requestId);
}
