using NodaTime;

namespace Callout.Domain.ConsoleUsers;

/// A person who may sign in to the web console, as the store keeps them. The name is unique
/// whatever its case (NameKey). A user signs in with a password (PasswordHash, in ASP.NET Core
/// Identity's format), through OpenID Connect (the provider's Issuer and Subject), or both; a user
/// with neither cannot sign in. The role is the console's role name (viewer, responder,
/// administrator); the contact, when set, is the person's contact ARN in the account.
public sealed record ConsoleLogin(
    string Name,
    string AccountId,
    string Role,
    string? ContactArn,
    string? PasswordHash,
    string? OidcIssuer,
    string? OidcSubject,
    bool Disabled,
    Instant CreatedAt,
    Instant UpdatedAt)
{
    /// The key the store compares names by: "Alice" and "alice" are one user.
    public static string NameKey(string name) => name.ToLowerInvariant();

    public const int MaxNameLength = 64;

    /// A name is 1 to 64 letters, digits and `.`, `_`, `-`, `@` (an e-mail address fits), so it
    /// reads the same in the audit log's caller (`console:NAME`) and on every page.
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-' or '@');
}
