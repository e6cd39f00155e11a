using Callout.Domain.Errors;
using Callout.Engine.Delivery;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Admin;

/// Admin: which provider delivers each channel type and how it fared lately on this node, a test
/// send per channel type, and links to the message log, the audit log and the keys.
sealed class IndexModel(ConsoleApi api, ServerOptions options, DeliveryConfiguration delivery, DeliveryRouter router,
    DeliveryHealth health, TestMessages tests) : AdminPage(api, options)
{
    public IReadOnlyList<(string ChannelType, string Provider, string Detail, ProviderHealth? Health)> Providers { get; private set; } = [];

    /// The outcome of the test send just made.
    public string? Sent { get; private set; }

    [BindProperty]
    public string? ChannelType { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostTestAsync()
    {
        try
        {
            var result = await tests.SendAsync(HttpContext, Person, ChannelType ?? "", Address ?? "");
            if (result.Accepted)
            {
                Sent = $"Sent to {Address} ({result.ProviderMessageId}).";
            }
            else
            {
                Problem = $"The provider refused the test message: {result.Error}";
            }
        }
        catch (InvalidRequest e)
        {
            Problem = "ValidationException: " + e.Message;
        }
        Load();
        return Page();
    }

    void Load()
    {
        Providers =
        [
            Row("EMAIL", Domain.Channels.ChannelKind.Email, delivery.Email),
            Row("SMS", Domain.Channels.ChannelKind.Sms, delivery.Sms),
            Row("VOICE", Domain.Channels.ChannelKind.Voice, delivery.Voice),
        ];
    }

    (string, string, string, ProviderHealth?) Row(string type, Domain.Channels.ChannelKind kind, DeliveryConfiguration.Provider provider)
    {
        var name = router.For(kind).Name;
        var detail = provider switch
        {
            DeliveryConfiguration.Provider.Smtp when delivery.Smtp is { } smtp => $"{smtp.Host}:{smtp.Port} ({smtp.Tls.ToString().ToLowerInvariant()}), from {smtp.From}",
            DeliveryConfiguration.Provider.Twilio when delivery.Twilio is { } twilio => $"{twilio.BaseUrl.Host}, from {twilio.From}",
            DeliveryConfiguration.Provider.Webhook when delivery.Webhook is { } webhook => $"{webhook.Url.Scheme}://{webhook.Url.Authority}{webhook.Url.AbsolutePath}",
            _ => "kept in the local outbox (message log)",
        };
        return (type, name, detail, health.Providers.TryGetValue(name, out var h) ? h : null);
    }
}
