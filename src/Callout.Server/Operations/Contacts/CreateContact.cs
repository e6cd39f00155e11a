using Callout.Domain;
using Callout.Domain.Arns;
using Callout.Domain.Contacts;
using Callout.Domain.Errors;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using Callout.Domain.Tags;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Mapping;

namespace Callout.Server.Operations.Contacts;

sealed class CreateContact(IStore store, ServiceLimits limits) : IOperation<CreateContactRequest, CreateContactResult>
{
    public async Task<CreateContactResult> HandleAsync(CreateContactRequest request, RequestContext context, CancellationToken ct)
    {
        var scope = context.Scope();
        await using var session = await store.OpenAsync(scope, write: true, ct);
        if (await Idempotency.ReplayAsync(session, context, request.IdempotencyToken, ResourceTypes.Contact, ct) is { } earlier)
        {
            return new CreateContactResult { ContactArn = earlier };
        }

        var arn = ResourceArn.Contact(scope, request.Alias);
        if (await session.FindContactAsync(request.Alias, ct) is not null)
        {
            throw new ResourceConflict(arn.ToString(), ResourceTypes.Contact, $"A contact with the alias '{request.Alias}' already exists.");
        }
        if (await session.CountContactsAsync(ct) >= limits.ContactsPerAccount)
        {
            throw new QuotaExceeded("L-SSMC-CONTACTS", $"An account can have at most {limits.ContactsPerAccount} contacts.");
        }
        var kind = WireNames.ContactKind(request.Type);
        var plan = PlanMapper.ToDomain(request.Plan);
        PlanRules.CheckShape(kind, plan, limits);
        await PlanReferences.CheckAsync(session, request.Alias, plan, scope, ct);
        var tags = TagRules.Merge(new Dictionary<string, string>(), Tags.TaggedResources.Pairs(request.Tags ?? []).ToList(), arn.ToString(), limits);

        var displayName = string.IsNullOrEmpty(request.DisplayName) ? null : request.DisplayName;
        await session.InsertContactAsync(new Domain.Contacts.Contact(arn, request.Alias, displayName, kind, plan), context.Now(), ct);
        if (tags.Count > 0)
        {
            await session.SetTagsAsync(arn.ToString(), tags, ct);
        }
        await Idempotency.RememberAsync(session, context, request.IdempotencyToken, arn.ToString(), ct);
        await session.CommitAuditedAsync(context, arn, ct);
        return new CreateContactResult { ContactArn = arn.ToString() };
    }
}
