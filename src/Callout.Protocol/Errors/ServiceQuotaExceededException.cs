using System.Text.Json;

namespace Callout.Protocol.Errors;

public sealed class ServiceQuotaExceededException(
    string message,
    string quotaCode,
    string? resourceId = null,
    string? resourceType = null)
    : ApiException("ServiceQuotaExceededException", message)
{
    public const string ServiceCode = "ssm-contacts";

    public string QuotaCode { get; } = quotaCode;

    public override void WriteMembers(Utf8JsonWriter w)
    {
        w.WriteString("QuotaCode", QuotaCode);
        w.WriteString("ServiceCode", ServiceCode);
        if (resourceId is not null)
        {
            w.WriteString("ResourceId", resourceId);
        }
        if (resourceType is not null)
        {
            w.WriteString("ResourceType", resourceType);
        }
    }
}
