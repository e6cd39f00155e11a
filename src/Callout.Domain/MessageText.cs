namespace Callout.Domain;

/// The words of one outgoing message; channels without a subject ignore it.
public sealed record MessageText(string Subject, string Body);
