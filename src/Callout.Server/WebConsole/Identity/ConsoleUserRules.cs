using Callout.Domain.Arns;
using Callout.Domain.ConsoleUsers;

namespace Callout.Server.WebConsole.Identity;

/// What a console user's fields must be, checked alike by `callout users` and the admin page;
/// each check returns null when the value is good, otherwise why not.
static class ConsoleUserRules
{
    public static string? NameProblem(string? name) => ConsoleLogin.IsValidName(name)
        ? null
        : $"A user name is 1 to {ConsoleLogin.MaxNameLength} letters, digits and . _ - @.";

    public static string? RoleProblem(string? role) => ConsoleRoles.TryParse(role, out _)
        ? null
        : $"The role is one of {ConsoleRoles.Names}.";

    public static string? AccountProblem(string? account) => account is { Length: 12 } && account.All(char.IsAsciiDigit)
        ? null
        : "The account is 12 digits.";

    /// A contact of the user's own account, given as its ARN.
    public static string? ContactProblem(string? contactArn, string account) =>
        contactArn is null
        || (contactArn.Length <= 2048 && ResourceArn.TryParse(contactArn, out var arn) && arn.Kind == ResourceKind.Contact && arn.Scope.AccountId == account)
            ? null
            : $"The contact is a contact's ARN in account {account} (arn:aws:ssm-contacts:REGION:{account}:contact/ALIAS).";
}
