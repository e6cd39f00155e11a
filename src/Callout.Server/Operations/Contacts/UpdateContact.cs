using Callout.Domain;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Contacts;

/// An omitted member stays as it is; a Plan replaces the whole plan (Terraform deletes a plan by
/// sending empty Stages); an empty DisplayName clears the name (docs/spec/protocol.md §8).
sealed class UpdateContact(IStore store, ServiceLimits limits) : IOperation<UpdateContactRequest, UpdateContactResult>
{
    public async Task<UpdateContactResult> HandleAsync(UpdateContactRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        var contact = await session.RequireContactAsync(request.ContactId, scope, ct);
        if (request.DisplayName is not null)
        {
            contact = contact with { DisplayName = request.DisplayName.Length == 0 ? null : request.DisplayName };
        }
        if (request.Plan is not null)
        {
            var plan = PlanMapper.ToDomain(request.Plan);
            PlanRules.CheckShape(contact.Kind, plan, limits);
            await PlanReferences.CheckAsync(session, contact.Alias, plan, scope, ct);
            contact = contact with { Plan = plan };
        }
        await session.UpdateContactAsync(contact, context.Now(), ct);
        await session.CommitAuditedAsync(context, contact.Arn, ct);
        return new UpdateContactResult();
    }
}
