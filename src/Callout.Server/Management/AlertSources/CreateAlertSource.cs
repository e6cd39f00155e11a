using System.Text.Json;
using System.Text.RegularExpressions;
using Callout.Domain;
using Callout.Domain.Alerts;
using Callout.Domain.Errors;
using Callout.Domain.Incidents;
using Callout.Domain.Ports;
using Callout.Protocol.Dispatch;
using Callout.Server.Alerts;
using Callout.Server.Api;
using Callout.Server.Audit;
using Callout.Server.Hosting;

namespace Callout.Server.Management.AlertSources;

/// `Callout.CreateAlertSource {"Name", "Format", "ResponsePlanArn", "GrafanaHmacSecret"?,
/// "SnsTopicArns"?}`: a door through which one sender's alerts start and resolve incidents of one
/// response plan of the caller's account (docs/management.md). The answer is the only place the
/// key ever appears, with the address to paste into the sender; the store keeps its hash.
sealed partial class CreateAlertSource(IStore store, PublicAddress publicAddress, ServiceLimits limits) : IManagementOperation
{
    public const int MaxNameLength = 128;

    // Grafana uses the secret as is as the HMAC key; a short one could be guessed from signatures.
    const int MinHmacSecretLength = 16;
    const int MaxHmacSecretLength = 1024;
    const int MaxTopics = 100;

    public string Name => "CreateAlertSource";

    public async Task<Action<Utf8JsonWriter>> HandleAsync(ManagementRequest request, RequestContext context, CancellationToken ct)
    {
        var name = request.RequiredString("Name", MaxNameLength);
        if (name.Any(char.IsControl))
        {
            throw new InvalidRequest("Name must not contain control characters.", "Name");
        }
        var formatText = request.RequiredString("Format", 32);
        if (!AlertFormatNames.Names.TryParse(formatText, out var format))
        {
            throw new InvalidRequest($"Format '{formatText}' is not one of {string.Join(", ", AlertFormatNames.Names.Names)}.", "Format");
        }
        var planArn = request.RequiredString("ResponsePlanArn", 1000);
        var hmacSecret = request.OptionalString("GrafanaHmacSecret", MaxHmacSecretLength);
        var topics = request.OptionalStringList("SnsTopicArns", MaxTopics, 1000);
        CheckFormatMembers(format, hmacSecret, topics);

        var scope = context.Scope();
        var planName = PlanNameOf(planArn, scope);
        var key = AlertSourceKey.New();
        var source = new AlertSource(scope, Guid.CreateVersion7(context.ReceivedAt).ToString(), name, format,
            IncidentArns.ResponsePlan(scope, planName), AlertSourceKey.Hash(key), hmacSecret, topics ?? [], context.Now());
        var arn = AlertSourceArns.Of(source);

        await using (var session = await store.OpenAsync(scope, write: true, ct))
        {
            if (await session.FindResponsePlanAsync(planName, ct) is null)
            {
                throw PlanNotFound(planArn);
            }
            if (await session.CountAlertSourcesAsync(ct) >= limits.AlertSourcesPerAccount)
            {
                throw new QuotaExceeded("L-CALLOUT-ALERT-SOURCES",
                    $"An account can have at most {limits.AlertSourcesPerAccount} alert sources in a region; delete some with Callout.DeleteAlertSource.");
            }
            await session.InsertAlertSourceAsync(source, ct);
            await session.CommitAuditedAsync(context, arn, ct);
        }
        var (url, bearerUrl) = AlertRoutes.For(publicAddress.Url, format, key);
        return w =>
        {
            w.WriteStartObject();
            AlertSourceJson.WriteMembers(w, source);
            w.WriteString("Key", key);
            w.WriteString("Url", url.ToString());
            if (bearerUrl is not null)
            {
                w.WriteString("BearerUrl", bearerUrl.ToString());
            }
            w.WriteEndObject();
        };
    }

    static void CheckFormatMembers(AlertFormat format, string? hmacSecret, IReadOnlyList<string>? topics)
    {
        if (hmacSecret is not null && format != AlertFormat.Grafana)
        {
            throw new InvalidRequest("GrafanaHmacSecret is only for a GRAFANA source.", "GrafanaHmacSecret");
        }
        if (hmacSecret is { Length: < MinHmacSecretLength })
        {
            throw new InvalidRequest($"GrafanaHmacSecret must have at least {MinHmacSecretLength} characters; use a long random string.", "GrafanaHmacSecret");
        }
        if (topics is not null && format != AlertFormat.Sns)
        {
            throw new InvalidRequest("SnsTopicArns is only for an SNS source.", "SnsTopicArns");
        }
        if (format == AlertFormat.Sns && topics is not { Count: > 0 })
        {
            throw new InvalidRequest("An SNS source needs SnsTopicArns: the topics whose messages it accepts.", "SnsTopicArns");
        }
        foreach (var topic in topics ?? [])
        {
            if (!SnsTopicArn().IsMatch(topic))
            {
                throw new InvalidRequest($"'{topic}' is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME).", "SnsTopicArns");
            }
        }
    }

    /// The plan's name when the ARN names a plan of the caller's account; a plan of another account
    /// is not found, as though it did not exist.
    static string PlanNameOf(string planArn, Domain.Arns.AccountScope scope)
    {
        var match = ResponsePlanArn().Match(planArn);
        if (!match.Success)
        {
            throw new InvalidRequest($"ResponsePlanArn '{planArn}' is not a response plan ARN (arn:aws:ssm-incidents::ACCOUNT:response-plan/NAME).",
                "ResponsePlanArn");
        }
        if (match.Groups["partition"].Value != scope.Partition || match.Groups["account"].Value != scope.AccountId)
        {
            throw PlanNotFound(planArn);
        }
        return match.Groups["name"].Value;
    }

    static ResourceNotFound PlanNotFound(string planArn) =>
        new(planArn, ResourceTypes.ResponsePlan, $"Response plan {planArn} not found.");

    [GeneratedRegex(@"^arn:(?<partition>aws(-cn|-us-gov)?):ssm-incidents::(?<account>[0-9]{12}):response-plan/(?<name>[a-zA-Z0-9_-]{1,200})$")]
    private static partial Regex ResponsePlanArn();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]{1,32}:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$")]
    private static partial Regex SnsTopicArn();
}
