using System.Text.Json;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Errors;
using Callout.Protocol.Validation;

namespace Callout.Protocol.RestJson;

internal static class RestOperationRunner
{
    public static async Task<Action<Utf8JsonWriter>> RunAsync<TRequest, TResult>(
        RestInput input,
        Func<RequestReader, RestInput, TRequest?> read,
        Action<Utf8JsonWriter, TResult> write,
        IServiceProvider services,
        RequestContext context,
        CancellationToken ct)
        where TRequest : class
    {
        // An operation Callout does not serve says so whatever its input.
        var handler = (IOperation<TRequest, TResult>?)services.GetService(typeof(IOperation<TRequest, TResult>))
            ?? throw RestJsonErrors.NotServed(context.Operation);
        var reader = new RequestReader();
        var request = read(reader, input);
        if (reader.Errors.Count > 0 || request is null)
        {
            throw ValidationException.FromFields(reader.Errors, reader.HasTypeErrors);
        }
        var result = await handler.HandleAsync(request, context, ct).ConfigureAwait(false);
        return w => write(w, result);
    }
}
