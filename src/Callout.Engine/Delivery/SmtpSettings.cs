namespace Callout.Engine.Delivery;

/// Where and as whom email is sent. User and Password go together or not at all.
public sealed record SmtpSettings(string Host, int Port, SmtpTls Tls, string? User, string? Password, string From);
