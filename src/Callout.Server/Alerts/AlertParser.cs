namespace Callout.Server.Alerts;

/// A format's parser: the alert in the body, or null and the reason, for a 400.
delegate AlertSignal? AlertParser(byte[] body, out string? error);
