using Callout.Domain.Alerts;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Errors;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Alerts;

/// What every alert endpoint does around its format's parser: reads the body within a bound and
/// the server's budget of buffered bytes, finds the source by its key and checks the format it
/// reads, and hands a parsed alert to the intake. Every refusal is a 4xx with a reason, so a
/// sender does not retry what will never succeed (Alertmanager retries only 5xx and network
/// errors); an unknown key and a revoked one get the same 404, which tells nothing of either.
sealed partial class AlertReception(IStore store, IAlertIntake intake, BodyBudget budget, ILogger<AlertReception> log)
{
    /// Alertmanager sends every alert of a group in one body; a thousand alerts with labels fit.
    public const int MaxBodyBytes = 1024 * 1024;

    static readonly AlertRefusal UnknownKey = new(StatusCodes.Status404NotFound, "No alert source has this key.");

    /// Runs `handle` on the body, which holds its share of the budget until `handle` is done; or
    /// refuses it with 413 beyond MaxBodyBytes and 429 when the server holds too many bodies.
    public async Task<IResult> WithBodyAsync(HttpRequest request, Func<byte[], Task<IResult>> handle, Func<AlertRefusal, IResult> refuse,
        CancellationToken ct)
    {
        var (body, refusal) = await BoundedBody.ReadAsync(request.BodyReader, request.ContentLength, MaxBodyBytes, budget, ct);
        if (body is null)
        {
            return refuse(refusal == BoundedBody.Refusal.TooLarge
                ? new AlertRefusal(StatusCodes.Status413PayloadTooLarge, $"An alert body may have at most {MaxBodyBytes} bytes.")
                : new AlertRefusal(StatusCodes.Status429TooManyRequests, "The server is busy; send the alert again shortly."));
        }
        try
        {
            return await handle(body);
        }
        finally
        {
            budget.Give(body.Length);
        }
    }

    /// A webhook's whole path: the key (from the path or a bearer token) finds a source of
    /// `format`, `verify` (when given) may refuse the body with the source's own proof, `parse`
    /// reads it, and the intake takes it; refusals are `{"message"}` answers.
    public Task<IResult> ReceiveWebhookAsync(HttpRequest request, string? pathKey, AlertFormat format, AlertParser parse,
        Func<AlertSource, byte[], Task<IResult?>>? verify, CancellationToken ct) =>
        WithBodyAsync(request, async body =>
        {
            var key = KeyOf(request, pathKey);
            if (key is null)
            {
                return AlertAnswers.MissingKey(request.HttpContext.Response);
            }
            var (source, refused) = await SourceForAsync(key, format, ct);
            if (source is null)
            {
                return AlertAnswers.Refuse(refused!);
            }
            if (verify is not null && await verify(source, body) is { } unverified)
            {
                return unverified;
            }
            if (parse(body, out var malformed) is not { } signal)
            {
                return AlertAnswers.Message(StatusCodes.Status400BadRequest, malformed!);
            }
            var (outcome, failed) = await IntakeAsync(source, signal, request, ct);
            return outcome is null ? AlertAnswers.Refuse(failed!) : AlertAnswers.Outcome(signal, outcome);
        }, AlertAnswers.Refuse, ct);

    /// The key in the path, else the bearer token of the Authorization header; null when neither.
    public static string? KeyOf(HttpRequest request, string? pathKey)
    {
        if (pathKey is not null)
        {
            return pathKey;
        }
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value)
        {
            return null;
        }
        const string Scheme = "Bearer ";
        return value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? value[Scheme.Length..].Trim() : null;
    }

    /// The source of the key when it reads `format`; else why the request is refused.
    public async Task<(AlertSource? Source, AlertRefusal? Refusal)> SourceForAsync(string? key, AlertFormat format, CancellationToken ct)
    {
        // A text that cannot be a key is not looked up.
        var source = AlertSourceKey.IsWellFormed(key) ? await store.FindAlertSourceAsync(AlertSourceKey.Hash(key!), ct) : null;
        if (source is null)
        {
            return (null, UnknownKey);
        }
        if (source.Format != format)
        {
            return (null, new AlertRefusal(StatusCodes.Status400BadRequest,
                $"This alert source reads {AlertFormatNames.Names.Of(source.Format)} alerts, not {AlertFormatNames.Names.Of(format)}; "
                + "post to the address its creation answered."));
        }
        return (source, null);
    }

    /// Hands the alert to the intake. A source whose plan is gone, or an account that cannot start
    /// incidents (no replication set), is the receiver's configuration, not the sender's body:
    /// 409 with the reason, so the sender's log shows it.
    public async Task<(AlertOutcome? Outcome, AlertRefusal? Refusal)> IntakeAsync(AlertSource source, AlertSignal signal, HttpRequest request,
        CancellationToken ct)
    {
        // Formats whose text is decoded twice (an SNS message's alarm JSON) reach here without the
        // body check; nothing holding U+0000 is stored (AlertBodyReader.NulRefusal).
        if (new[] { signal.Key, signal.Title, signal.Summary, signal.RawData }.Any(text => text?.Contains('\0', StringComparison.Ordinal) == true))
        {
            return (null, new AlertRefusal(StatusCodes.Status400BadRequest, AlertBodyReader.NulRefusal));
        }
        try
        {
            return (await intake.ReceiveAsync(source, signal, ApiAudit.SourceOf(request.HttpContext), ct), null);
        }
        catch (Exception e) when (e is DomainException or ApiException)
        {
            var throttled = e is Throttled || (e as ApiException)?.Code == "ThrottlingException";
            LogRefused(log, source.Id, e.GetType().Name, e.Message);
            return (null, new AlertRefusal(throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status409Conflict, e.Message));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert of alert source {SourceId} started nothing ({Error}): {Reason}")]
    static partial void LogRefused(ILogger logger, string sourceId, string error, string reason);
}
