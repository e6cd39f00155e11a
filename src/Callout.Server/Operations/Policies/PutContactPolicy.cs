using Callout.Domain.Policies;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;

namespace Callout.Server.Operations.Policies;

/// Replaces the contact's resource policy, kept verbatim so GetContactPolicy returns what was put.
sealed class PutContactPolicy(IStore store) : IOperation<PutContactPolicyRequest, PutContactPolicyResult>
{
    public async Task<PutContactPolicyResult> HandleAsync(PutContactPolicyRequest request, RequestContext context, CancellationToken ct)
    {
        PolicyRules.Check(request.Policy);
        await using var session = await store.OpenAsync(context.Scope(), write: true, ct);
        var contact = await session.RequireContactAsync(request.ContactArn, context.Scope(), ct);
        await session.PutPolicyAsync(contact.Alias, request.Policy, context.Now(), ct);
        await session.CommitAuditedAsync(context, contact.Arn, ct);
        return new PutContactPolicyResult();
    }
}
