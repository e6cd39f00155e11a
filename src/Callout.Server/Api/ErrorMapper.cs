using Callout.Domain.Errors;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Errors;
using ValidationException = Callout.Protocol.Errors.ValidationException;

namespace Callout.Server.Api;

/// Turns broken domain rules into the AWS error the operation models. An operation may only raise
/// errors its model lists (docs/spec/domain.md §1); anything else it would raise becomes a
/// ValidationException with the same message, as AWS does for a missing plan target in CreateContact.
static class ErrorMapper
{
    public static ApiException ToApi(DomainException error, OperationDescriptor? operation)
    {
        ApiException mapped = error switch
        {
            ResourceNotFound e => new ResourceNotFoundException(e.Message, e.ResourceId, e.ResourceType),
            ResourceConflict e => new ConflictException(e.Message, e.ResourceId, e.ResourceType,
                e.Dependencies.Select(d => new DependentEntity(d.RelationType, d.ResourceIds)).ToList()),
            QuotaExceeded e => new ServiceQuotaExceededException(e.Message, e.QuotaCode, e.ResourceId, e.ResourceType),
            Throttled e => new ThrottlingException(e.Message, (int)Math.Min(int.MaxValue, Math.Ceiling(e.RetryAfter.TotalSeconds))),
            InvalidRequest e => e.Field is null
                ? ValidationException.Because(e.Message)
                : ValidationException.ForField(e.Field, e.Message),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.GetType().Name, null),
        };
        if (operation is not null && !operation.Errors.Contains(mapped.Code, StringComparer.Ordinal))
        {
            return ValidationException.Because(error.Message);
        }
        return mapped;
    }
}
