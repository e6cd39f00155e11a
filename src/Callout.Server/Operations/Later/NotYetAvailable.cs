using Callout.Domain.Errors;
using Callout.Protocol.Dispatch;

namespace Callout.Server.Operations.Later;

/// Operations whose behaviour arrives with engagements and rotations. Their input is still
/// validated against the model first; then the caller learns plainly that the operation is not
/// served yet, as a ValidationException, which no SDK retries.
sealed class NotYetAvailable<TRequest, TResult> : IOperation<TRequest, TResult>
{
    public Task<TResult> HandleAsync(TRequest request, RequestContext context, CancellationToken ct) =>
        throw new InvalidRequest($"{context.Operation} is not available yet in this version of Callout.");
}
