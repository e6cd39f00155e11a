using Callout.Domain.Arns;
using Callout.Domain.Plans;

namespace Callout.Domain.Contacts;

public sealed record Contact(ResourceArn Arn, string Alias, string? DisplayName, ContactKind Kind, Plan Plan);
