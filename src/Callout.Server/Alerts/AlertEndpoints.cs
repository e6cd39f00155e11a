using Callout.Server.Alerts.Alertmanager;
using Callout.Server.Alerts.Generic;
using Callout.Server.Alerts.Grafana;
using Callout.Server.Alerts.PagerDuty;

namespace Callout.Server.Alerts;

/// The doors senders post alerts to (docs/alerts.md), each proving itself with an alert source's
/// key instead of a SigV4 signature (Admin/Surfaces.cs).
static class AlertEndpoints
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<IAlertIntake, AlertIntake>();
        services.AddSingleton<AlertReception>();
        services.AddSingleton<AlertmanagerEndpoint>();
        services.AddSingleton<GrafanaEndpoint>();
        services.AddSingleton<GenericEndpoint>();
        services.AddSingleton<PagerDutyEndpoint>();
        return services;
    }

    public static void MapAlerts(this WebApplication app)
    {
        app.MapPost(AlertRoutes.AlertmanagerWithKey, (HttpRequest request, string key, AlertmanagerEndpoint e, CancellationToken ct) =>
            e.HandleAsync(request, key, ct)).Traced();
        app.MapPost(AlertRoutes.Alertmanager, (HttpRequest request, AlertmanagerEndpoint e, CancellationToken ct) =>
            e.HandleAsync(request, null, ct)).Traced();
        // Grafana's webhook contact point may be set to PUT.
        app.MapMethods(AlertRoutes.GrafanaWithKey, [HttpMethods.Post, HttpMethods.Put],
            (HttpRequest request, string key, GrafanaEndpoint e, CancellationToken ct) => e.HandleAsync(request, key, ct)).Traced();
        app.MapMethods(AlertRoutes.Grafana, [HttpMethods.Post, HttpMethods.Put],
            (HttpRequest request, GrafanaEndpoint e, CancellationToken ct) => e.HandleAsync(request, null, ct)).Traced();
        app.MapPost(AlertRoutes.GenericWithKey, (HttpRequest request, string key, GenericEndpoint e, CancellationToken ct) =>
            e.HandleAsync(request, key, ct)).Traced();
        app.MapPost(AlertRoutes.Generic, (HttpRequest request, GenericEndpoint e, CancellationToken ct) =>
            e.HandleAsync(request, null, ct)).Traced();
        app.MapPost(AlertRoutes.PagerDuty, (HttpRequest request, PagerDutyEndpoint e, CancellationToken ct) => e.HandleAsync(request, ct)).Traced();
    }
}
