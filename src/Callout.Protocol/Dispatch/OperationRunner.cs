using System.Text.Json;
using Callout.Protocol.Errors;
using Callout.Protocol.Validation;

namespace Callout.Protocol.Dispatch;

internal static class OperationRunner
{
    public static async Task<Action<Utf8JsonWriter>> RunAsync<TRequest, TResult>(
        JsonElement body,
        Func<RequestReader, JsonElement, string, TRequest?> read,
        Action<Utf8JsonWriter, TResult> write,
        IServiceProvider services,
        RequestContext context,
        CancellationToken ct)
        where TRequest : class
    {
        var reader = new RequestReader();
        var request = read(reader, body, "");
        if (reader.Errors.Count > 0 || request is null)
        {
            throw ValidationException.FromFields(reader.Errors, reader.HasTypeErrors);
        }
        var handler = (IOperation<TRequest, TResult>?)services.GetService(typeof(IOperation<TRequest, TResult>))
            ?? throw new InvalidOperationException("No handler registered for " + context.Operation);
        var result = await handler.HandleAsync(request, context, ct).ConfigureAwait(false);
        return w => write(w, result);
    }
}
