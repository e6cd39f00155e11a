using Callout.Domain.Alerts;

namespace Callout.Server.Alerts.PagerDuty;

/// `POST /v2/enqueue`, PagerDuty's Events API v2 at its own path, so Alertmanager's
/// `pagerduty_configs` and Grafana's PagerDuty contact point need only their URL set to
/// Callout's. The routing_key is the alert source's key; answers and errors are PagerDuty's.
sealed class PagerDutyEndpoint(AlertReception reception)
{
    /// PagerDuty's path, and no SSM Contacts call: those always name their X-Amz-Target, which
    /// Program routes to the API whatever the path.
    public static bool Claims(HttpContext context) =>
        context.Request.Path.Equals(AlertRoutes.PagerDuty, StringComparison.Ordinal)
        && HttpMethods.IsPost(context.Request.Method)
        && !context.Request.Headers.ContainsKey("X-Amz-Target");

    public Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct) =>
        reception.WithBodyAsync(request, async body =>
        {
            if (PagerDutyEventParser.Parse(body, out var malformed) is not { } e)
            {
                return Invalid(new AlertRefusal(StatusCodes.Status400BadRequest, malformed!));
            }
            var (source, refused) = await reception.SourceForAsync(e.RoutingKey, AlertFormat.PagerDuty, ct);
            if (source is null)
            {
                return Invalid(refused!);
            }
            var (_, failed) = await reception.IntakeAsync(source, e.Signal, request, ct);
            // A resolve or acknowledge that finds no open incident is still processed, as in
            // PagerDuty, where it would find no open alert.
            return failed is not null
                ? Invalid(failed)
                : AlertAnswers.Json(StatusCodes.Status202Accepted, w => PagerDutyEventParser.WriteSuccess(w, e.DedupKey));
        }, Invalid, ct);

    static IResult Invalid(AlertRefusal refusal) =>
        AlertAnswers.Json(refusal.Status, w => PagerDutyEventParser.WriteInvalid(w, refusal.Reason));
}
