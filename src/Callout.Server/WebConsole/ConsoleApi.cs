using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Domain.Errors;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Errors;
using Callout.Protocol.Framing;
using Callout.Protocol.RestJson;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.WebConsole.Identity;
using Callout.Server.Management;

namespace Callout.Server.WebConsole;

/// The console's only way to read or change anything: it calls the same operations the API
/// serves, in process, with the same validation, domain rules, store sessions and audit records.
/// The caller recorded in the audit log is the signed-in console user (`console:NAME`).
sealed class ConsoleApi(IServiceProvider services, ManagementCatalog management, ApiAudit audit, TimeProvider time)
{
    /// An ssm-contacts operation (`GetContact`) or one of Callout's own (`Callout.ListAuditEvents`),
    /// with the JSON body a client would send.
    public async Task<JsonDocument> ContactsAsync(HttpContext http, ConsoleUser user, string operation, JsonObject? body = null)
    {
        var target = ManagementCatalog.Claims(operation) ? operation : OperationCatalogTarget(operation);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body ?? new JsonObject());
        using var json = RequestFraming.ParseBody(bytes);
        RequestContext? context = null;
        OperationDescriptor? descriptor = null;
        try
        {
            Action<Utf8JsonWriter> write;
            if (ManagementCatalog.Claims(target))
            {
                context = ContextFor(http, user, target, fingerprint: null);
                write = await management.Resolve(target).HandleAsync(new ManagementRequest(json.RootElement), context, http.RequestAborted);
            }
            else
            {
                descriptor = RequestFraming.ResolveTarget(target);
                context = ContextFor(http, user, descriptor.Name,
                    descriptor.HasIdempotencyToken || descriptor.PaginatedResultKey is not null ? RequestFingerprint.Compute(json.RootElement) : null);
                write = await RequestFraming.InvokeAsync(descriptor, json.RootElement, services, context, http.RequestAborted);
            }
            await audit.SucceededAsync(context, AuditedOperations.ResourceOf(json.RootElement));
            return JsonDocument.Parse(ResponseFraming.Result(write));
        }
        catch (Exception e) when (e is ApiException or DomainException)
        {
            var error = e as ApiException ?? ErrorMapper.ToApi((DomainException)e, descriptor);
            await audit.RefusedAsync(http, context?.RequestId ?? RequestIds.Next(), target, null, context, AuditedOperations.ResourceOf(json.RootElement), error.Code);
            throw new ConsoleApiException(error.Code, error.Message);
        }
    }

    /// An SSM Incidents operation, named as a client would call it: method, path (labels
    /// percent-encoded) and query, and the JSON body.
    public async Task<JsonDocument?> IncidentsAsync(HttpContext http, ConsoleUser user, string method, string pathAndQuery, JsonObject? body = null)
    {
        var queryAt = pathAndQuery.IndexOf('?');
        var path = queryAt < 0 ? pathAndQuery : pathAndQuery[..queryAt];
        var match = RestJsonFraming.Router.Match(method, path)
            ?? throw new InvalidOperationException($"The console asked for {method} {path}, which is no SSM Incidents operation.");
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body);
        using var json = RestJsonFraming.ParseBody(bytes);
        var query = RestQuery.Parse(queryAt < 0 ? null : pathAndQuery[queryAt..]);
        var input = new RestInput(json.RootElement, match.Labels, query, _ => null);
        RequestContext? context = null;
        try
        {
            context = ContextFor(http, user, match.Operation.Descriptor.Name, RestJsonFraming.Fingerprint(match, json.RootElement, query));
            var write = await RestJsonFraming.InvokeAsync(match.Operation, input, services, context, http.RequestAborted);
            await audit.SucceededAsync(context, requestedResource: null);
            var result = RestJsonFraming.Result(match.Operation, write);
            return result.Length == 0 ? null : JsonDocument.Parse(result);
        }
        catch (Exception e) when (e is ApiException or DomainException)
        {
            var error = e as ApiException ?? ErrorMapper.ToApi((DomainException)e, match.Operation.Descriptor);
            await audit.RefusedAsync(http, context?.RequestId ?? RequestIds.Next(), target: null, null, context, requestedResource: null, error.Code);
            throw new ConsoleApiException(error.Code, error.Message);
        }
    }

    /// Every item of a paged ssm-contacts or Callout listing, page after page as a client follows
    /// NextToken, cloned out of the answers; at most `maxPages` pages, and no further page once
    /// `maxItems` items are read.
    public async Task<List<JsonElement>> ListAllAsync(HttpContext http, ConsoleUser user, string operation, JsonObject request, string listName,
        int maxPages = int.MaxValue, int maxItems = int.MaxValue)
    {
        var items = new List<JsonElement>();
        string? token = null;
        for (var page = 0; page < maxPages && items.Count < maxItems; page++)
        {
            var body = (JsonObject)request.DeepClone();
            if (token is not null)
            {
                body["NextToken"] = token;
            }
            using var answer = await ContactsAsync(http, user, operation, body);
            items.AddRange(WireValues.Items(answer.RootElement, listName).Select(e => e.Clone()));
            token = WireValues.Text(answer.RootElement, "NextToken");
            if (token is null)
            {
                break;
            }
        }
        return items;
    }

    RequestContext ContextFor(HttpContext http, ConsoleUser user, string operation, string? fingerprint) =>
        new(RequestIds.Next(), operation, user.AccountId, user.Region, time.GetUtcNow(), fingerprint,
            AccessKeyId: user.AuditCaller, SourceAddress: ApiAudit.SourceOf(http));

    static string OperationCatalogTarget(string operation) => OperationCatalog.TargetPrefix + operation;
}
