namespace Callout.Server.Inbound;

/// How people and providers answer pages, all under /_callout/ (Program routes every other non-GET
/// request to the API): the email link, Twilio's SMS, voice and status callbacks, and the generic
/// webhook acknowledgement.
static class InboundEndpoints
{
    public static IServiceCollection AddInbound(this IServiceCollection services)
    {
        services.AddSingleton<PageAcceptance>();
        services.AddSingleton<PhonePages>();
        services.AddSingleton<TwilioRequests>();
        services.AddSingleton<AcknowledgeLinkEndpoint>();
        services.AddSingleton<TwilioSmsEndpoint>();
        services.AddSingleton<TwilioVoiceEndpoint>();
        services.AddSingleton<TwilioStatusEndpoint>();
        services.AddSingleton<WebhookAckEndpoint>();
        return services;
    }

    public static void MapInbound(this WebApplication app)
    {
        app.MapGet("/_callout/ack/{token}", (HttpResponse response, string token, AcknowledgeLinkEndpoint e, CancellationToken ct) =>
            e.ShowAsync(response, token, ct));
        app.MapPost("/_callout/ack/{token}", (HttpResponse response, string token, AcknowledgeLinkEndpoint e, CancellationToken ct) =>
            e.AcknowledgeAsync(response, token, ct));
        app.MapPost("/_callout/twilio/sms", (HttpRequest request, TwilioSmsEndpoint e, CancellationToken ct) => e.HandleAsync(request, ct));
        app.MapPost("/_callout/twilio/status", (HttpRequest request, TwilioStatusEndpoint e, CancellationToken ct) => e.HandleAsync(request, ct));
        app.MapPost("/_callout/voice/{token}", (HttpRequest request, string token, TwilioVoiceEndpoint e, CancellationToken ct) =>
            e.HandleAsync(request, token, ct));
        app.MapPost("/_callout/webhook/ack", (HttpRequest request, WebhookAckEndpoint e, CancellationToken ct) => e.HandleAsync(request, ct));
    }
}
