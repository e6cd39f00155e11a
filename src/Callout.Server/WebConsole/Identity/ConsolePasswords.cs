using Callout.Domain.ConsoleUsers;
using Microsoft.AspNetCore.Identity;

namespace Callout.Server.WebConsole.Identity;

/// Console passwords, hashed with ASP.NET Core Identity's PasswordHasher (PBKDF2 with HMAC-SHA512,
/// a salt per hash and 100,000 iterations in its V3 format), which ships in the shared framework.
static class ConsolePasswords
{
    public const int MinLength = 12;
    public const int MaxLength = 1024;

    static readonly PasswordHasher<ConsoleLogin> Hasher = new();

    // Checked when the name is unknown, so such a try takes as long as a wrong password and the
    // answer's timing does not tell which names exist.
    static readonly string DecoyHash = Hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// Null when the password is acceptable; otherwise why not.
    public static string? Weakness(string? password) => password switch
    {
        null or { Length: 0 } => "The password is empty.",
        { Length: < MinLength } => $"The password must have at least {MinLength} characters.",
        { Length: > MaxLength } => $"The password may have at most {MaxLength} characters.",
        _ => null,
    };

    /// Whether the password matches; `rehash` when it does but the hash is of an older format.
    /// A user without a password hash (OpenID Connect only), or no user, never matches, after the
    /// same work as a real check.
    public static bool Verify(ConsoleLogin? user, string password, out bool rehash)
    {
        rehash = false;
        if (user?.PasswordHash is not { Length: > 0 } hash)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash, password);
            return false;
        }
        var result = Hasher.VerifyHashedPassword(user, hash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }
}
