using System.Globalization;

namespace Callout.EndToEnd.Fuzz;

/// Valid strings for the ssm-incidents model's shapes: the account's own ARNs and ids most of the
/// time, so valid requests reach the handlers' logic and not only their validation.
sealed partial class RequestGenerator
{
    static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "mars-north-1"];

    static readonly string[] ItemTypes = ["ANALYSIS", "INCIDENT", "METRIC", "PARENT", "ATTACHMENT", "OTHER", "AUTOMATION", "INVOLVED_RESOURCE", "TASK"];

    /// Null when the shape is one the contacts side handles (tags, policies) or has no special form.
    string? IncidentString(string shapeName, string member)
    {
        var incidents = Incidents!;
        var account = incidents.Client.Account;
        return shapeName switch
        {
            "Arn" => incidents.Arn(rng, _text, member),
            "String" when member == "resourceArn" => incidents.Arn(rng, _text, member),
            "SsmContactsArn" => rng.Next(4) > 0 ? resources.ContactArn : resources.Arn(rng, _text, "ContactId"),
            "ResponsePlanName" => rng.Next(3) == 0 ? IncidentFuzzResources.PlanName : _text.From("abcXYZ019-_", 1, 30),
            "RegionName" => Regions[rng.Next(Regions.Length)],
            "UUID" => rng.Next(2) == 0 && incidents.EventId is { } id ? id : _text.Uuid(),
            "GeneratedId" => string.Create(CultureInfo.InvariantCulture,
                $"related-item/{ItemTypes[rng.Next(ItemTypes.Length)]}/{Convert.ToHexString(Guid.NewGuid().ToByteArray())}"),
            "SnsArn" => $"arn:aws:sns:us-east-1:{account}:{_text.AsciiWord()}",
            "RoleArn" => $"arn:aws:iam::{account}:role/{_text.AsciiWord()}",
            "ServicePrincipal" => "ssm-incidents.amazonaws.com",
            "SsmAutomationDocumentNameString" => _text.From("abcXYZ019_-.:/", 3, 40),
            "Url" => "https://example.com/" + _text.AsciiWord(),
            "IncidentSource" => rng.Next(8) == 0 ? "aws." + _text.AsciiWord() : "fuzz." + _text.AsciiWord(),
            "TimelineEventType" => rng.Next(2) == 0 ? "Custom Event" : "Note",
            "EventData" => "\"" + _text.AsciiWord() + "\"",
            "ClientToken" or "NextToken" => _text.Token(0, 40),
            "PolicyId" => _text.Token(1, 40),
            "Policy" => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{account}}"},"Action":"ssm-incidents:GetIncidentRecord","Resource":"{{incidents.IncidentArn}}"}]}""",
            "SseKmsKey" => rng.Next(2) == 0 ? "DefaultKey" : $"arn:aws:kms:us-east-1:{account}:key/{_text.Uuid()}",
            _ => null,
        };
    }
}
