namespace Callout.Server.Hosting;

/// Whether GET /metrics needs a SigV4-signed request (--metrics-auth).
public enum MetricsAuth
{
    Open,
    Signed,
}
