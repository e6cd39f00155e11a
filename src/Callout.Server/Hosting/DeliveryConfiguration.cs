using System.Collections;
using System.Globalization;
using Callout.Domain.Channels;
using Callout.Engine.Delivery;
using MimeKit;

namespace Callout.Server.Hosting;

/// Which provider delivers each channel type, and the providers' settings, from environment
/// variables only (secrets stay off the command line). Checked at start-up: a chosen provider with
/// a missing or malformed setting stops the server with an OptionsException naming the variable.
///
/// - `CALLOUT_EMAIL_PROVIDER`: `outbox` (default) | `smtp` | `webhook`
/// - `CALLOUT_SMS_PROVIDER`, `CALLOUT_VOICE_PROVIDER`: `outbox` (default) | `twilio` | `webhook`
///   (`outbox` keeps messages in the local outbox, GET /_callout/outbox)
/// - smtp: `CALLOUT_SMTP_HOST` (required), `CALLOUT_SMTP_PORT` (default 25),
///   `CALLOUT_SMTP_TLS` = none | starttls | tls (default starttls on port 587, tls on 465, else none),
///   `CALLOUT_SMTP_USER` and `CALLOUT_SMTP_PASSWORD` (both or neither), `CALLOUT_SMTP_FROM` (required,
///   a mailbox such as `Callout <callout@example.com>`)
/// - twilio: `CALLOUT_TWILIO_BASE_URL` (default https://api.twilio.com), `CALLOUT_TWILIO_ACCOUNT_SID`,
///   `CALLOUT_TWILIO_AUTH_TOKEN` (also verifies Twilio's inbound requests), `CALLOUT_TWILIO_FROM`
///   (the sending number, E.164) — all three required. Point the number's inbound-message webhook at
///   `{public url}_callout/twilio/sms`.
/// - webhook: `CALLOUT_WEBHOOK_URL` (required, http or https), `CALLOUT_WEBHOOK_SECRET` (required;
///   signs our posts and verifies posts to /_callout/webhook/ack)
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

    public static DeliveryConfiguration Parse(IDictionary environment)
    {
        string? Get(string name) => environment[name] is string v && v.Trim().Length > 0 ? v.Trim() : null;

        var config = new DeliveryConfiguration
        {
            Email = ParseProvider("CALLOUT_EMAIL_PROVIDER", Get("CALLOUT_EMAIL_PROVIDER"), Provider.Smtp),
            Sms = ParseProvider("CALLOUT_SMS_PROVIDER", Get("CALLOUT_SMS_PROVIDER"), Provider.Twilio),
            Voice = ParseProvider("CALLOUT_VOICE_PROVIDER", Get("CALLOUT_VOICE_PROVIDER"), Provider.Twilio),
        };
        var chosen = new[] { config.Email, config.Sms, config.Voice };
        if (chosen.Contains(Provider.Smtp))
        {
            config = config with { Smtp = ParseSmtp(Get) };
        }
        if (chosen.Contains(Provider.Twilio))
        {
            Require(Get, "twilio", "CALLOUT_TWILIO_ACCOUNT_SID", "CALLOUT_TWILIO_AUTH_TOKEN", "CALLOUT_TWILIO_FROM");
            var baseUrl = Get("CALLOUT_TWILIO_BASE_URL") is { } b ? ParseUrl("CALLOUT_TWILIO_BASE_URL", b) : TwilioApi;
            config = config with { Twilio = new TwilioSettings(baseUrl, Get("CALLOUT_TWILIO_ACCOUNT_SID")!, Get("CALLOUT_TWILIO_AUTH_TOKEN")!, Get("CALLOUT_TWILIO_FROM")!) };
        }
        if (chosen.Contains(Provider.Webhook))
        {
            Require(Get, "webhook", "CALLOUT_WEBHOOK_URL", "CALLOUT_WEBHOOK_SECRET");
            config = config with { Webhook = new WebhookSettings(ParseUrl("CALLOUT_WEBHOOK_URL", Get("CALLOUT_WEBHOOK_URL")!, keepPath: true), Get("CALLOUT_WEBHOOK_SECRET")!) };
        }
        return config;
    }

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
    static Provider ParseProvider(string name, string? value, Provider own) => value?.ToLowerInvariant() switch
    {
        null or "outbox" => Provider.Outbox,
        "webhook" => Provider.Webhook,
        "smtp" when own == Provider.Smtp => Provider.Smtp,
        "twilio" when own == Provider.Twilio => Provider.Twilio,
        _ => throw new OptionsException($"{name} takes outbox, {own.ToString().ToLowerInvariant()} or webhook, not '{value}'."),
    };

    static SmtpSettings ParseSmtp(Func<string, string?> get)
    {
        Require(get, "smtp", "CALLOUT_SMTP_HOST", "CALLOUT_SMTP_FROM");
        var port = 25;
        if (get("CALLOUT_SMTP_PORT") is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new OptionsException($"CALLOUT_SMTP_PORT must be a port number from 1 to 65535, not '{p}'.");
        }
        var tls = get("CALLOUT_SMTP_TLS")?.ToLowerInvariant() switch
        {
            null => port switch { 587 => SmtpTls.StartTls, 465 => SmtpTls.Tls, _ => SmtpTls.None },
            "none" => SmtpTls.None,
            "starttls" => SmtpTls.StartTls,
            "tls" => SmtpTls.Tls,
            var other => throw new OptionsException($"CALLOUT_SMTP_TLS takes none, starttls or tls, not '{other}'."),
        };
        var user = get("CALLOUT_SMTP_USER");
        var password = get("CALLOUT_SMTP_PASSWORD");
        if ((user is null) != (password is null))
        {
            throw new OptionsException("CALLOUT_SMTP_USER and CALLOUT_SMTP_PASSWORD go together: set both or neither.");
        }
        var from = get("CALLOUT_SMTP_FROM")!;
        if (!MailboxAddress.TryParse(from, out _))
        {
            throw new OptionsException($"CALLOUT_SMTP_FROM must be a mail address such as 'Callout <callout@example.com>', not '{from}'.");
        }
        return new SmtpSettings(get("CALLOUT_SMTP_HOST")!, port, tls, user, password, from);
    }

    static void Require(Func<string, string?> get, string provider, params string[] names)
    {
        var missing = names.Where(n => get(n) is null).ToList();
        if (missing.Count > 0)
        {
            throw new OptionsException($"The {provider} delivery provider needs {string.Join(", ", missing)}.");
        }
    }

    /// A base URL gets a trailing slash so relative paths land under it; a webhook URL is used as is.
    static Uri ParseUrl(string name, string value, bool keepPath = false)
    {
        var text = keepPath || value.EndsWith('/') ? value : value + "/";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsException($"{name} must be an http or https URL, not '{value}'.");
    }
}
