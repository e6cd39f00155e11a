using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;

namespace Callout.Server.Operations.Contacts;

/// Deleting removes the contact's channels, tags and policy. Escalation plans that name it keep the
/// reference and skip it when they run (spec/domain.md §2.1).
sealed class DeleteContact(IContactStore store) : IOperation<DeleteContactRequest, DeleteContactResult>
{
    public async Task<DeleteContactResult> HandleAsync(DeleteContactRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var contact = await session.RequireContactAsync(request.ContactId, context.Scope(), ct);
        // TODO(issue 5): a contact that is a member of a rotation gives ConflictException with the rotations as DependentEntities.
        await session.DeleteContactAsync(contact.Alias, ct);
        await session.CommitAsync(ct);
        return new DeleteContactResult();
    }
}
