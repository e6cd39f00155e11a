using Callout.Domain.Arns;
using NodaTime;

namespace Callout.Domain.Alerts;

/// The formats alert intake reads (docs/spec/incidents.md §5).
public enum AlertFormat
{
    Alertmanager,
    PagerDuty,
    Grafana,
    Sns,
    Generic,
}

/// An alert source (an "integration"): a door through which one sender's alerts start and resolve
/// incidents of one response plan. Its secret key is the proof a sender presents; only the key's
/// SHA-256 is kept. `Scope` is the account and region it was created in: the region whose
/// contacts its incidents engage. `GrafanaHmacSecret` is the optional shared secret of Grafana's
/// HMAC signature; `SnsTopicArns` the topics an SNS source accepts (none: it accepts no topic).
public sealed record AlertSource(
    AccountScope Scope,
    string Id,
    string Name,
    AlertFormat Format,
    string ResponsePlanArn,
    byte[] KeyHash,
    string? GrafanaHmacSecret,
    IReadOnlyList<string> SnsTopicArns,
    Instant CreatedAt);
