using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.Server.WebConsole.Identity;

namespace Callout.Server.WebConsole.Pages.ResponsePlans;

/// An alert source as Callout.ListAlertSources shows it: never its key.
sealed record Integration(string Id, string Arn, string Name, string Format, string ResponsePlanArn, DateTimeOffset? Created,
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
        foreach (var s in await api.ListAllAsync(http, person, Operation, new JsonObject { ["MaxResults"] = 1000 }, "AlertSources"))
        {
            var plan = s.GetProperty("ResponsePlanArn").GetString()!;
            if (planArn is null || plan == planArn)
            {
                sources.Add(new Integration(s.GetProperty("AlertSourceId").GetString()!, s.GetProperty("AlertSourceArn").GetString()!,
                    s.GetProperty("Name").GetString()!, s.GetProperty("Format").GetString()!, plan,
                    WireValues.Time(s, "CreatedTime"),
                    s.TryGetProperty("GrafanaHmacSecretSet", out var h) && h.ValueKind == JsonValueKind.True,
                    WireValues.Texts(s, "SnsTopicArns")));
            }
        }
        return sources;
    }
}
