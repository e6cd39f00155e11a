using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;

namespace Callout.Server.Operations.Policies;

sealed class GetContactPolicy(IStore store) : IOperation<GetContactPolicyRequest, GetContactPolicyResult>
{
    public async Task<GetContactPolicyResult> HandleAsync(GetContactPolicyRequest request, RequestContext context, CancellationToken ct)
    {
        await using var session = await store.OpenAsync(context.Scope(), write: false, ct);
        var contact = await session.RequireContactAsync(request.ContactArn, context.Scope(), ct);
        return new GetContactPolicyResult
        {
            ContactArn = contact.Arn.ToString(),
            Policy = await session.GetPolicyAsync(contact.Alias, ct),
        };
    }
}
