namespace Callout.Server.Alerts.PagerDuty;

/// One PagerDuty Events API v2 event: the integration key it is routed by, its dedup key (given,
/// or made for a trigger that had none, as PagerDuty does) and the alert it carries.
sealed record PagerDutyEvent(string RoutingKey, string DedupKey, AlertSignal Signal);
