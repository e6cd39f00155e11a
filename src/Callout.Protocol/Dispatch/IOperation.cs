namespace Callout.Protocol.Dispatch;

/// A handler of one API operation. It only ever sees input that passed the model's validation.
public interface IOperation<in TRequest, TResult>
{
    Task<TResult> HandleAsync(TRequest request, RequestContext context, CancellationToken ct);
}
