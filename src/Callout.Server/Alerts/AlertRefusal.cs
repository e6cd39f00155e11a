namespace Callout.Server.Alerts;

/// Why an alert was not taken, and the HTTP status that says so; each endpoint words it in its
/// sender's own error shape.
sealed record AlertRefusal(int Status, string Reason);
