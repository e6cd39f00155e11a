using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Contacts;

/// Deleting removes the contact's channels, tags and policy. Escalation plans that name it keep the
/// reference and skip it when they run; a member of a rotation cannot be deleted (docs/spec/domain.md §2.1).
sealed class DeleteContact(IStore store) : IOperation<DeleteContactRequest, DeleteContactResult>
{
    public async Task<DeleteContactResult> HandleAsync(DeleteContactRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var contact = await session.RequireContactAsync(request.ContactId, context.Scope(), ct);
        var rotations = await session.RotationsWithMemberAsync(contact.Alias, ct);
        if (rotations.Count > 0)
        {
            // Model: "if a contact is a member of a rotation, the rotation is a dependent entity".
            throw new ResourceConflict(contact.Arn.ToString(), ResourceTypes.Contact,
                $"Contact {request.ContactId} is a member of {rotations.Count} rotation(s); take it out of them first.",
                [new Dependency("RotationMembership", rotations.Select(id => new ResourceArn(contact.Arn.Scope, ResourceKind.Rotation, id).ToString()).ToList())]);
        }
        await session.DeleteContactAsync(contact.Alias, ct);
        await session.CommitAuditedAsync(context, contact.Arn, ct);
        return new DeleteContactResult();
    }
}
