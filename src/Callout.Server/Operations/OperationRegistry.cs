using Callout.Engine.Codes;
using Callout.Protocol.Dispatch;
using Callout.Protocol.Shapes;
using Callout.Server.Operations.Channels;
using Callout.Server.Operations.Contacts;
using Callout.Server.Operations.Engagements;
using Callout.Server.Operations.Pages;
using Callout.Server.Operations.Policies;
using Callout.Server.Operations.Rotations;
using Callout.Server.Operations.Tags;

namespace Callout.Server.Operations;

/// One handler per operation of the model; the dispatcher finds them by request and result type.
static class OperationRegistry
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ActivationIssuer>();
        services.AddSingleton<WrongCodeLimiter>();
        services.AddSingleton<CodeTryGuard>();

        services.AddSingleton<IOperation<CreateContactRequest, CreateContactResult>, CreateContact>();
        services.AddSingleton<IOperation<GetContactRequest, GetContactResult>, GetContact>();
        services.AddSingleton<IOperation<UpdateContactRequest, UpdateContactResult>, UpdateContact>();
        services.AddSingleton<IOperation<DeleteContactRequest, DeleteContactResult>, DeleteContact>();
        services.AddSingleton<IOperation<ListContactsRequest, ListContactsResult>, ListContacts>();

        services.AddSingleton<IOperation<CreateContactChannelRequest, CreateContactChannelResult>, CreateContactChannel>();
        services.AddSingleton<IOperation<GetContactChannelRequest, GetContactChannelResult>, GetContactChannel>();
        services.AddSingleton<IOperation<UpdateContactChannelRequest, UpdateContactChannelResult>, UpdateContactChannel>();
        services.AddSingleton<IOperation<DeleteContactChannelRequest, DeleteContactChannelResult>, DeleteContactChannel>();
        services.AddSingleton<IOperation<ListContactChannelsRequest, ListContactChannelsResult>, ListContactChannels>();
        services.AddSingleton<IOperation<SendActivationCodeRequest, SendActivationCodeResult>, SendActivationCode>();
        services.AddSingleton<IOperation<ActivateContactChannelRequest, ActivateContactChannelResult>, ActivateContactChannel>();
        services.AddSingleton<IOperation<DeactivateContactChannelRequest, DeactivateContactChannelResult>, DeactivateContactChannel>();

        services.AddSingleton<IOperation<TagResourceRequest, TagResourceResult>, TagResource>();
        services.AddSingleton<IOperation<UntagResourceRequest, UntagResourceResult>, UntagResource>();
        services.AddSingleton<IOperation<ListTagsForResourceRequest, ListTagsForResourceResult>, ListTagsForResource>();
        services.AddSingleton<IOperation<PutContactPolicyRequest, PutContactPolicyResult>, PutContactPolicy>();
        services.AddSingleton<IOperation<GetContactPolicyRequest, GetContactPolicyResult>, GetContactPolicy>();

        services.AddSingleton<IOperation<StartEngagementRequest, StartEngagementResult>, StartEngagement>();
        services.AddSingleton<IOperation<StopEngagementRequest, StopEngagementResult>, StopEngagement>();
        services.AddSingleton<IOperation<DescribeEngagementRequest, DescribeEngagementResult>, DescribeEngagement>();
        services.AddSingleton<IOperation<ListEngagementsRequest, ListEngagementsResult>, ListEngagements>();
        services.AddSingleton<IOperation<DescribePageRequest, DescribePageResult>, DescribePage>();
        services.AddSingleton<IOperation<ListPagesByContactRequest, ListPagesByContactResult>, ListPagesByContact>();
        services.AddSingleton<IOperation<ListPagesByEngagementRequest, ListPagesByEngagementResult>, ListPagesByEngagement>();
        services.AddSingleton<IOperation<ListPageReceiptsRequest, ListPageReceiptsResult>, ListPageReceipts>();
        services.AddSingleton<IOperation<ListPageResolutionsRequest, ListPageResolutionsResult>, ListPageResolutions>();
        services.AddSingleton<IOperation<AcceptPageRequest, AcceptPageResult>, AcceptPage>();

        services.AddSingleton<IOperation<CreateRotationRequest, CreateRotationResult>, CreateRotation>();
        services.AddSingleton<IOperation<GetRotationRequest, GetRotationResult>, GetRotation>();
        services.AddSingleton<IOperation<UpdateRotationRequest, UpdateRotationResult>, UpdateRotation>();
        services.AddSingleton<IOperation<DeleteRotationRequest, DeleteRotationResult>, DeleteRotation>();
        services.AddSingleton<IOperation<ListRotationsRequest, ListRotationsResult>, ListRotations>();
        services.AddSingleton<IOperation<CreateRotationOverrideRequest, CreateRotationOverrideResult>, CreateRotationOverride>();
        services.AddSingleton<IOperation<GetRotationOverrideRequest, GetRotationOverrideResult>, GetRotationOverride>();
        services.AddSingleton<IOperation<DeleteRotationOverrideRequest, DeleteRotationOverrideResult>, DeleteRotationOverride>();
        services.AddSingleton<IOperation<ListRotationOverridesRequest, ListRotationOverridesResult>, ListRotationOverrides>();
        services.AddSingleton<IOperation<ListRotationShiftsRequest, ListRotationShiftsResult>, ListRotationShifts>();
        services.AddSingleton<IOperation<ListPreviewRotationShiftsRequest, ListPreviewRotationShiftsResult>, ListPreviewRotationShifts>();
        return services;
    }
}
