using System.Data.Common;
using System.Text.Json;
using Callout.Domain.Alerts;
using Callout.Domain.Arns;
using Callout.Storage.Json;

namespace Callout.Storage.Rows;

/// alert_sources rows: the format by its API name, the SNS topic list as a JSON array of strings.
internal static class AlertSourceRows
{
    public const string Select = """
        SELECT account_id, region, id, name, format, response_plan_arn, key_hash, grafana_hmac_secret, sns_topic_arns, created_at
        FROM alert_sources WHERE 1 = 1
        """;

    public static string FormatText(AlertFormat format) => AlertFormatNames.Names.Of(format);

    public static string TopicsText(IReadOnlyList<string> topics) =>
        JsonSerializer.Serialize([.. topics], StorageJsonContext.Default.StringArray);

    public static AlertSource Read(DbDataReader r) => new(
        AccountScope.For(r.GetString(1), r.GetString(0)),
        r.GetString(2),
        r.GetString(3),
        AlertFormatNames.Names.TryParse(r.GetString(4), out var format)
            ? format
            : throw new InvalidDataException($"Unknown alert format '{r.GetString(4)}' in the database."),
        r.GetString(5),
        (byte[])r.GetValue(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        JsonSerializer.Deserialize(r.GetString(8), StorageJsonContext.Default.StringArray) ?? [],
        Columns.InstantOf(r.GetInt64(9)));
}
