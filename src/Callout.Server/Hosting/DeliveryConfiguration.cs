using System.Globalization;
using Callout.Domain.Channels;
using Callout.Engine.Delivery;
using Callout.Server.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Callout.Server.Hosting;

/// Which provider delivers each channel type, and the providers' settings, from CALLOUT_*
/// environment variables or callout.json only (secrets stay off the command line; the table is in
/// Configuration/Settings.cs and docs/delivery.md). Checked at start-up: a chosen provider with a
/// missing or malformed setting stops the server with an OptionsException naming the variable.
/// `outbox` keeps messages in the local outbox (GET /_callout/outbox). Point a Twilio number's
/// inbound-message webhook at `{public url}_callout/twilio/sms`.
sealed record DeliveryConfiguration
{
    public enum Provider
    {
        Outbox,
        Smtp,
        Twilio,
        Webhook,
    }

    public Provider Email { get; init; }
    public Provider Sms { get; init; }
    public Provider Voice { get; init; }
    public SmtpSettings? Smtp { get; init; }
    public TwilioSettings? Twilio { get; init; }
    public WebhookSettings? Webhook { get; init; }

    static readonly Uri TwilioApi = new("https://api.twilio.com/");

    public static DeliveryConfiguration From(IConfiguration configuration)
    {
        string? Get(Setting s) => configuration[s.Key] is { } v && v.Trim().Length > 0 ? v.Trim() : null;

        var config = new DeliveryConfiguration
        {
            Email = ParseProvider(Settings.EmailProvider, Get(Settings.EmailProvider), Provider.Smtp),
            Sms = ParseProvider(Settings.SmsProvider, Get(Settings.SmsProvider), Provider.Twilio),
            Voice = ParseProvider(Settings.VoiceProvider, Get(Settings.VoiceProvider), Provider.Twilio),
        };
        var chosen = new[] { config.Email, config.Sms, config.Voice };
        if (chosen.Contains(Provider.Smtp))
        {
            config = config with { Smtp = ParseSmtp(Get) };
        }
        if (chosen.Contains(Provider.Twilio))
        {
            Require(Get, "twilio", Settings.TwilioAccountSid, Settings.TwilioAuthToken, Settings.TwilioFrom);
            var baseUrl = Get(Settings.TwilioBaseUrl) is { } b ? ParseUrl(Settings.TwilioBaseUrl, b) : TwilioApi;
            config = config with { Twilio = new TwilioSettings(baseUrl, Get(Settings.TwilioAccountSid)!, Get(Settings.TwilioAuthToken)!, Get(Settings.TwilioFrom)!) };
        }
        if (chosen.Contains(Provider.Webhook))
        {
            Require(Get, "webhook", Settings.WebhookUrl, Settings.WebhookSecret);
            config = config with { Webhook = new WebhookSettings(ParseUrl(Settings.WebhookUrl, Get(Settings.WebhookUrl)!, keepPath: true), ParseSecrets(Get(Settings.WebhookSecret)!)) };
        }
        return config;
    }

    /// How the start-up banner names the provider of each channel type.
    public string Describe() => $"email: {Name(Email)}, sms: {Name(Sms)}, voice: {Name(Voice)}";

    static string Name(Provider provider) => provider.ToString().ToLowerInvariant();

    /// The configured providers by channel type, each retried on transient refusals; types left on
    /// `outbox` are absent, so the router falls back to the local outbox for them.
    public IReadOnlyDictionary<ChannelKind, IMessageSender> Providers(CallbackLinks links)
    {
        // Back-off between tries runs on the wall clock, even under --clock virtual (RetryingSender).
        var wallClock = TimeProvider.System;
        IMessageSender? smtp = Smtp is null ? null : new RetryingSender(new SmtpSender(Smtp), wallClock);
        IMessageSender? twilio = Twilio is null ? null : new RetryingSender(new TwilioSender(Twilio, ProviderHttp.NewClient(), links), wallClock);
        IMessageSender? webhook = Webhook is null ? null : new RetryingSender(new WebhookSender(Webhook, ProviderHttp.NewClient(), links, wallClock), wallClock);
        IMessageSender? Pick(Provider p) => p switch
        {
            Provider.Smtp => smtp,
            Provider.Twilio => twilio,
            Provider.Webhook => webhook,
            _ => null,
        };

        var providers = new Dictionary<ChannelKind, IMessageSender>();
        foreach (var (kind, provider) in new[] { (ChannelKind.Email, Email), (ChannelKind.Sms, Sms), (ChannelKind.Voice, Voice) })
        {
            if (Pick(provider) is { } sender)
            {
                providers[kind] = sender;
            }
        }
        return providers;
    }

    /// `own` is the provider only this channel type can use (smtp for email, twilio for SMS and voice).
    static Provider ParseProvider(Setting s, string? value, Provider own) => value?.ToLowerInvariant() switch
    {
        null or "outbox" => Provider.Outbox,
        "webhook" => Provider.Webhook,
        "smtp" when own == Provider.Smtp => Provider.Smtp,
        "twilio" when own == Provider.Twilio => Provider.Twilio,
        _ => throw new OptionsException($"{s.Names} takes outbox, {Name(own)} or webhook, not '{value}'."),
    };

    static SmtpSettings ParseSmtp(Func<Setting, string?> get)
    {
        Require(get, "smtp", Settings.SmtpHost, Settings.SmtpFrom);
        var port = 25;
        if (get(Settings.SmtpPort) is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new OptionsException($"{Settings.SmtpPort.Names} must be a port number from 1 to 65535, not '{p}'.");
        }
        var tls = get(Settings.SmtpTls)?.ToLowerInvariant() switch
        {
            null => port switch { 587 => SmtpTls.StartTls, 465 => SmtpTls.Tls, _ => SmtpTls.None },
            "none" => SmtpTls.None,
            "starttls" => SmtpTls.StartTls,
            "tls" => SmtpTls.Tls,
            var other => throw new OptionsException($"{Settings.SmtpTls.Names} takes none, starttls or tls, not '{other}'."),
        };
        var user = get(Settings.SmtpUser);
        var password = get(Settings.SmtpPassword);
        if ((user is null) != (password is null))
        {
            throw new OptionsException("CALLOUT_SMTP_USER and CALLOUT_SMTP_PASSWORD (delivery.smtp.user and .password in callout.json) go together: set both or neither.");
        }
        var from = get(Settings.SmtpFrom)!;
        if (!MailboxAddress.TryParse(from, out _))
        {
            throw new OptionsException($"{Settings.SmtpFrom.Names} must be a mail address such as 'Callout <callout@example.com>', not '{from}'.");
        }
        return new SmtpSettings(get(Settings.SmtpHost)!, port, tls, user, password, from);
    }

    static IReadOnlyList<WebhookSecret> ParseSecrets(string value) =>
        WebhookSecret.TryParseList(value, out var secrets)
            ? secrets
            : throw new OptionsException($"{Settings.WebhookSecret.Names} takes one or more secrets separated by spaces, newest first: "
                + "whsec_ followed by base64 (the Standard Webhooks form), or other text used as is; a whsec_ secret here is not valid base64.");

    static void Require(Func<Setting, string?> get, string provider, params Setting[] settings)
    {
        var missing = settings.Where(s => get(s) is null).ToList();
        if (missing.Count > 0)
        {
            throw new OptionsException($"The {provider} delivery provider needs {string.Join(", ", missing.Select(s => s.Names))}.");
        }
    }

    /// A base URL gets a trailing slash so relative paths land under it; a webhook URL is used as is.
    static Uri ParseUrl(Setting s, string value, bool keepPath = false)
    {
        var text = keepPath || value.EndsWith('/') ? value : value + "/";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsException($"{s.Names} must be an http or https URL, not '{value}'.");
    }
}
