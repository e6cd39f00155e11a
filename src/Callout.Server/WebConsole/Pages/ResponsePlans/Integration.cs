using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.WebConsole.Identity;

namespace Callout.Server.WebConsole.Pages.ResponsePlans;

/// An alert source as Callout.ListAlertSources shows it: never its key.
sealed record Integration(string Id, string Arn, string Name, string Format, string ResponsePlanArn, DateTimeOffset Created,
    bool HmacSecretSet, IReadOnlyList<string> SnsTopicArns)
{
    public const string Operation = "Callout.ListAlertSources";

    /// The response plan's name, from its ARN.
    public string PlanName => ResponsePlanArn[(ResponsePlanArn.LastIndexOf('/') + 1)..];

    /// The region's sources, oldest first; only those of one plan when `planArn` is given. A region
    /// has at most 1,000, one page of the listing.
    public static async Task<IReadOnlyList<Integration>> ListAsync(ConsoleApi api, HttpContext http, ConsoleUser person, string? planArn = null)
    {
        var sources = new List<Integration>();
        string? next = null;
        do
        {
            var body = new JsonObject { ["MaxResults"] = 1000 };
            if (next is not null)
            {
                body["NextToken"] = next;
            }
            using var answer = await api.ContactsAsync(http, person, Operation, body);
            foreach (var s in answer.RootElement.GetProperty("AlertSources").EnumerateArray())
            {
                var plan = s.GetProperty("ResponsePlanArn").GetString()!;
                if (planArn is null || plan == planArn)
                {
                    sources.Add(new Integration(s.GetProperty("AlertSourceId").GetString()!, s.GetProperty("AlertSourceArn").GetString()!,
                        s.GetProperty("Name").GetString()!, s.GetProperty("Format").GetString()!, plan,
                        ConsoleJson.Time(s.GetProperty("CreatedTime")),
                        s.TryGetProperty("GrafanaHmacSecretSet", out var h) && h.ValueKind == JsonValueKind.True,
                        s.TryGetProperty("SnsTopicArns", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : []));
                }
            }
            next = answer.RootElement.TryGetProperty("NextToken", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        while (next is not null);
        return sources;
    }
}
