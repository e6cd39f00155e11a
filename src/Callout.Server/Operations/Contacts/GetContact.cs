using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Contacts;

sealed class GetContact(IStore store) : IOperation<GetContactRequest, GetContactResult>
{
    public async Task<GetContactResult> HandleAsync(GetContactRequest request, RequestContext context, CancellationToken ct)
    {
        // The one read of this call, so the store may answer it from a row it keeps.
        var contact = await store.RequireContactAsync(request.ContactId, context.Scope(), ct);
        return new GetContactResult
        {
            ContactArn = contact.Arn.ToString(),
            Alias = contact.Alias,
            DisplayName = contact.DisplayName,
            Type = WireNames.Of(contact.Kind),
            Plan = PlanMapper.ToWire(contact.Plan),
        };
    }
}
