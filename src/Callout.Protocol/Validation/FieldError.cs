namespace Callout.Protocol.Validation;

/// One violated constraint: Name is the member path (`tags.3.member.key`), Message the phrase.
public sealed record FieldError(string Name, string Message, string Detail);
