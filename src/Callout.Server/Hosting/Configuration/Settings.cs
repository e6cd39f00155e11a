namespace Callout.Server.Hosting.Configuration;

/// Every setting Callout reads. This one table drives the command-line switch mappings, the
/// environment variables, the keys allowed in callout.json and --help, so they cannot drift
/// apart. Delivery settings have no flags: secrets stay off the command line (docs/delivery.md).
static class Settings
{
    public static readonly Setting Urls = new("server:urls", "CALLOUT_URLS", "--urls", "http://127.0.0.1:4580",
        "Where to listen (';'-separated; port 0 picks a free port).");
    public static readonly Setting PublicUrl = new("server:publicUrl", "CALLOUT_PUBLIC_URL", "--public-url", "first --urls address",
        "Base of acknowledgement links and provider callbacks.");
    public static readonly Setting DefaultAccount = new("server:defaultAccount", "CALLOUT_DEFAULT_ACCOUNT", "--default-account", "000000000000",
        "Account of callers whose key is neither configured nor 12 digits.");
    public static readonly Setting DefaultRegion = new("server:defaultRegion", "CALLOUT_DEFAULT_REGION", "--default-region", "us-east-1",
        "Region of unsigned requests.");
    public static readonly Setting LogLevel = new("server:logLevel", "CALLOUT_LOG_LEVEL", null, "Information",
        "Trace, Debug, Information, Warning, Error, Critical or None; Warning drops the per-request line.");
    public static readonly Setting LogFormat = new("server:logFormat", "CALLOUT_LOG_FORMAT", "--log-format", "text",
        "text: one line per event for people; json: one JSON object per line for log shippers (docs/operations.md).");

    public static readonly Setting DataDir = new("store:dataDir", "CALLOUT_DATA_DIR", "--data-dir", "./callout-data",
        "Directory of the SQLite database callout.db, relative to the working directory.");
    public static readonly Setting InMemory = new("store:inMemory", "CALLOUT_IN_MEMORY", "--in-memory", "false",
        "Keep everything in memory; nothing is written to disk.", IsSwitch: true);
    public static readonly Setting Store = new("store:connection", "CALLOUT_STORE", "--store", "-",
        "A PostgreSQL connection string or postgres://user:pass@host:5432/db URL; SQLite when absent.");

    public static readonly Setting Auth = new("auth:mode", "CALLOUT_AUTH", "--auth", "off",
        "off reads account and region from the SigV4 scope without verifying; strict verifies signatures.");
    public static readonly Setting CredentialsFile = new("auth:credentialsFile", "CALLOUT_CREDENTIALS_FILE", "--credentials-file", "-",
        "JSON array of {accessKeyId, secretAccessKey, accountId} for --auth strict.");
    public static readonly Setting Credentials = new("auth:credentials", "CALLOUT_CREDENTIALS", "--credentials", "-",
        "The same inline: KEY:SECRET:ACCOUNT,KEY2:SECRET2:ACCOUNT2.");
    public static readonly Setting AllowUnauthenticatedRemoteAccess = new("auth:allowUnauthenticatedRemoteAccess",
        "CALLOUT_ALLOW_UNAUTHENTICATED_REMOTE_ACCESS", "--allow-unauthenticated-remote-access", "false",
        "Let --auth off listen beyond loopback; anyone who reaches the port can then read and change every account.", IsSwitch: true);

    public static readonly Setting OidcAuthority = new("console:oidc:authority", "CALLOUT_OIDC_AUTHORITY", "--oidc-authority", "-",
        "OpenID Connect provider (issuer URL) for the console's \"Sign in with SSO\"; https, or http on loopback only.");
    public static readonly Setting OidcClientId = new("console:oidc:clientId", "CALLOUT_OIDC_CLIENT_ID", "--oidc-client-id", "-",
        "The console's client id at the provider (with --oidc-authority).");
    public static readonly Setting OidcClientSecret = new("console:oidc:clientSecret", "CALLOUT_OIDC_CLIENT_SECRET", null, "-",
        "The console's client secret at the provider; kept off the command line.");
    public static readonly Setting OidcClientSecretFile = new("console:oidc:clientSecretFile", "CALLOUT_OIDC_CLIENT_SECRET_FILE", "--oidc-client-secret-file", "-",
        "A file holding the client secret instead.");
    public static readonly Setting OidcNameClaim = new("console:oidc:nameClaim", "CALLOUT_OIDC_NAME_CLAIM", "--oidc-name-claim", "email",
        "ID-token claim matched to a console user's name at their first SSO sign-in (email needs email_verified).");

    public static readonly Setting MetricsUrls = new("metrics:urls", "CALLOUT_METRICS_URLS", "--metrics-urls", "-",
        "A listener of its own for GET /metrics, e.g. http://127.0.0.1:9464; /metrics then leaves the API port.");
    public static readonly Setting MetricsAuth = new("metrics:auth", "CALLOUT_METRICS_AUTH", "--metrics-auth", "by address",
        "signed or open; by default open on loopback, signed under --auth strict when /metrics is reachable beyond it.");

    public static readonly Setting Regions = new("auth:regions", "CALLOUT_REGIONS", "--regions", "aws",
        "Regions a credential scope may name: region names and partitions (aws, aws-cn, aws-us-gov), ','-separated.");
    public static readonly Setting ThrottleRate = new("server:throttleRate", "CALLOUT_THROTTLE_RATE", "--throttle-rate", "2000",
        "Requests per second each account, and each access key, may make; 0 turns throttling off.");
    public static readonly Setting ThrottleBurst = new("server:throttleBurst", "CALLOUT_THROTTLE_BURST", "--throttle-burst", "4000",
        "Requests an idle account or key may make at once before the rate applies.");
    public static readonly Setting MaxConnections = new("server:maxConnections", "CALLOUT_MAX_CONNECTIONS", "--max-connections", "4096",
        "Open connections at most; further ones are closed at once. 0: no limit.");
    public static readonly Setting MaxBufferedBytes = new("server:maxBufferedBytes", "CALLOUT_MAX_BUFFERED_BYTES", "--max-buffered-bytes", "268435456",
        "Bytes of request bodies held at once across all requests; past it, ThrottlingException.");

    public static readonly Setting NodeName = new("engine:nodeName", "CALLOUT_NODE_NAME", "--node-name", "host name + data dir",
        "This node's name, the same across restarts; unique per node sharing a PostgreSQL store.");
    public static readonly Setting Clock = new("engine:clock", "CALLOUT_CLOCK", "--clock", "system",
        "virtual: time moves only through POST /_callout/clock/advance.");
    public static readonly Setting ShutdownTimeout = new("engine:shutdownTimeout", "CALLOUT_SHUTDOWN_TIMEOUT", "--shutdown-timeout", "10",
        "Seconds sends in flight at SIGTERM or Ctrl-C may take to finish; steps not started are handed back at once.");

    public static readonly Setting Retention = new("store:retention", "CALLOUT_RETENTION", "--retention", "90",
        "Days finished engagements, resolved incidents, outbox messages and audit records are kept (90 or 90d); 0 keeps them for ever.");

    public static readonly Setting AuditRetention = new("audit:retention", "CALLOUT_AUDIT_RETENTION", "--audit-retention", "-",
        "Days the audit log keeps a record, when it should differ from --retention; 0 keeps them for ever.");

    public static readonly Setting SnsTrustedHosts = new("alerts:sns:trustedHosts", "CALLOUT_SNS_TRUSTED_HOSTS", null, "-",
        "host or host:port names (','-separated) trusted like sns.<region>.amazonaws.com to serve SNS signing certificates and SubscribeURLs; for tests.");
    public static readonly Setting SnsTrustedCertificates = new("alerts:sns:trustedCertificates", "CALLOUT_SNS_TRUSTED_CERTIFICATES", null, "-",
        "PEM file of CA certificates trusted for HTTPS to CALLOUT_SNS_TRUSTED_HOSTS only.");

    public static readonly Setting EmailProvider = new("delivery:email", "CALLOUT_EMAIL_PROVIDER", null, "outbox", "outbox, smtp or webhook.");
    public static readonly Setting SmsProvider = new("delivery:sms", "CALLOUT_SMS_PROVIDER", null, "outbox", "outbox, twilio or webhook.");
    public static readonly Setting VoiceProvider = new("delivery:voice", "CALLOUT_VOICE_PROVIDER", null, "outbox", "outbox, twilio or webhook.");
    public static readonly Setting SmtpHost = new("delivery:smtp:host", "CALLOUT_SMTP_HOST", null, "-", "SMTP server (required for smtp).");
    public static readonly Setting SmtpPort = new("delivery:smtp:port", "CALLOUT_SMTP_PORT", null, "25", "SMTP port.");
    public static readonly Setting SmtpTls = new("delivery:smtp:tls", "CALLOUT_SMTP_TLS", null, "by port", "none, starttls or tls (starttls on 587, tls on 465, else none).");
    public static readonly Setting SmtpUser = new("delivery:smtp:user", "CALLOUT_SMTP_USER", null, "-", "SMTP user (with CALLOUT_SMTP_PASSWORD).");
    public static readonly Setting SmtpPassword = new("delivery:smtp:password", "CALLOUT_SMTP_PASSWORD", null, "-", "SMTP password (with CALLOUT_SMTP_USER).");
    public static readonly Setting SmtpFrom = new("delivery:smtp:from", "CALLOUT_SMTP_FROM", null, "-", "Sender mailbox, e.g. 'Callout <callout@example.com>' (required for smtp).");
    public static readonly Setting TwilioBaseUrl = new("delivery:twilio:baseUrl", "CALLOUT_TWILIO_BASE_URL", null, "https://api.twilio.com", "Twilio-compatible REST API.");
    public static readonly Setting TwilioAccountSid = new("delivery:twilio:accountSid", "CALLOUT_TWILIO_ACCOUNT_SID", null, "-", "Account SID (required for twilio).");
    public static readonly Setting TwilioAuthToken = new("delivery:twilio:authToken", "CALLOUT_TWILIO_AUTH_TOKEN", null, "-", "Auth token; also verifies inbound requests (required for twilio).");
    public static readonly Setting TwilioFrom = new("delivery:twilio:from", "CALLOUT_TWILIO_FROM", null, "-", "Sending number, E.164 (required for twilio).");
    public static readonly Setting WebhookUrl = new("delivery:webhook:url", "CALLOUT_WEBHOOK_URL", null, "-", "Where messages are posted (required for webhook).");
    public static readonly Setting WebhookSecret = new("delivery:webhook:secret", "CALLOUT_WEBHOOK_SECRET", null, "-", "Signs posts and verifies acknowledgements (required for webhook): whsec_<base64>, or several separated by spaces, newest first, while rotating.");

    public static readonly IReadOnlyList<Setting> All =
    [
        Urls, DataDir, Store, InMemory, Auth, CredentialsFile, Credentials, Regions, DefaultAccount, DefaultRegion, Clock, NodeName, PublicUrl, LogLevel, LogFormat,
        ThrottleRate, ThrottleBurst, MaxConnections, MaxBufferedBytes, Retention, AuditRetention,
        ShutdownTimeout,
        AllowUnauthenticatedRemoteAccess, MetricsUrls, MetricsAuth,
        OidcAuthority, OidcClientId, OidcClientSecret, OidcClientSecretFile, OidcNameClaim,
        SnsTrustedHosts, SnsTrustedCertificates,
        EmailProvider, SmsProvider, VoiceProvider,
        SmtpHost, SmtpPort, SmtpTls, SmtpUser, SmtpPassword, SmtpFrom,
        TwilioBaseUrl, TwilioAccountSid, TwilioAuthToken, TwilioFrom,
        WebhookUrl, WebhookSecret,
    ];

    /// Not a setting of the server but of where the others come from.
    public const string ConfigFlag = "--config";
    public const string ConfigEnv = "CALLOUT_CONFIG";
    public const string DefaultConfigFile = "callout.json";
}
