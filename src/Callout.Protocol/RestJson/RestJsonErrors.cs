using Callout.Protocol.Errors;
using Callout.Protocol.Framing;

using IncidentsCatalog = Callout.Protocol.Incidents.OperationCatalog;

namespace Callout.Protocol.RestJson;

/// rest-json errors: the status from the error shape's `error.httpStatusCode`, the code in the
/// `x-amzn-ErrorType` header (which botocore and the JS SDK read first) and again as `__type`, and a
/// body whose members are the shape's camelCase ones, `message` first.
public static class RestJsonErrors
{
    public const string ServiceCode = "ssm-incidents";

    /// Signature failures no model lists; AWS answers them with 403 (an incomplete signature stays 400).
    static readonly HashSet<string> Forbidden = new(StringComparer.Ordinal)
    {
        "MissingAuthenticationTokenException",
        "InvalidSignatureException",
        "UnrecognizedClientException",
    };

    /// An operation of the model that this server does not implement.
    public static ApiException NotServed(string operation) =>
        new("NotImplemented", $"{operation} is part of the SSM Incidents API but is not served by Callout.", 501);

    public static int StatusOf(ApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return IncidentsCatalog.ErrorStatus.TryGetValue(error.Code, out var status) ? status
            : Forbidden.Contains(error.Code) ? 403
            : error.StatusCode;
    }

    public static byte[] Body(ApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return ResponseFraming.Result(w =>
        {
            w.WriteStartObject();
            w.WriteString("__type", error.Code);
            w.WriteString("message", error.Message);
            switch (error)
            {
                case ResourceNotFoundException e:
                    w.WriteString("resourceIdentifier", e.ResourceId);
                    w.WriteString("resourceType", e.ResourceType);
                    break;
                case ConflictException e:
                    w.WriteString("resourceIdentifier", e.ResourceId);
                    w.WriteString("resourceType", e.ResourceType);
                    break;
                case ServiceQuotaExceededException e:
                    w.WriteString("quotaCode", e.QuotaCode);
                    w.WriteString("serviceCode", ServiceCode);
                    break;
            }
            w.WriteEndObject();
        });
    }
}
