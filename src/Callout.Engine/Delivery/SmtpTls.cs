namespace Callout.Engine.Delivery;

/// How the SMTP connection is secured: not at all, upgraded with STARTTLS (required, port 587's
/// habit), or TLS from the first byte (port 465's).
public enum SmtpTls
{
    None,
    StartTls,
    Tls,
}
