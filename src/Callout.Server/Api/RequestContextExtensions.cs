using Callout.Domain.Arns;
using Callout.Protocol.Dispatch;
using NodaTime;

namespace Callout.Server.Api;

static class RequestContextExtensions
{
    public static AccountScope Scope(this RequestContext context) => AccountScope.For(context.Region, context.AccountId);

    public static Instant Now(this RequestContext context) => Instant.FromDateTimeOffset(context.ReceivedAt);
}
