using Callout.Domain.ConsoleUsers;
using Callout.Server.Hosting.Configuration;
using Callout.Server.WebConsole.Identity;
using NodaTime;

namespace Callout.Server.Hosting;

/// `callout users add|list|set-password|remove ...`: the web console's users, managed without the
/// console, so the first administrator can be made before anyone can sign in. It opens the store
/// serve would (--data-dir, --store, --config, CALLOUT_* alike), and may run beside a running
/// server. A password is read from standard input (one line) or, at a terminal, asked for twice
/// without echo; never from the command line, where other users of the machine could read it.
static class UsersCommand
{
    const string Usage = """
        Usage: callout users add NAME --role viewer|responder|administrator [--account ACCOUNT] [--contact CONTACT_ARN] [--sso-only] [options]
               callout users list [options]
               callout users set-password NAME [options]
               callout users remove NAME [options]
        The password is read from standard input, or asked for at a terminal. Options are the server's (--data-dir, --store, --config).
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        try
        {
            var action = args.Count > 0 ? args[0] : null;
            var rest = args.Skip(1).ToList();
            string? name = null;
            if (action is "add" or "set-password" or "remove")
            {
                name = rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal) ? rest[0] : throw new OptionsException(Usage);
                rest.RemoveAt(0);
                if (ConsoleUserRules.NameProblem(name) is { } problem)
                {
                    throw new OptionsException(problem);
                }
            }
            var role = Take(rest, "--role");
            var account = Take(rest, "--account");
            var contact = Take(rest, "--contact");
            var ssoOnly = rest.Remove("--sso-only");
            var options = LoadedSettings.Load(CommandLine.Parse(rest)).Options;
            if (options.InMemory)
            {
                throw new OptionsException($"{Settings.InMemory.Names} keeps no users; name a --data-dir or a --store.");
            }
            return action switch
            {
                "add" => await AddAsync(options, name!, role, account ?? options.DefaultAccount, contact, ssoOnly),
                "list" => await ListAsync(options),
                "set-password" => await SetPasswordAsync(options, name!),
                "remove" => await RemoveAsync(options, name!),
                _ => throw new OptionsException(Usage),
            };
        }
        catch (OptionsException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
    }

    static async Task<int> AddAsync(ServerOptions options, string name, string? role, string account, string? contact, bool ssoOnly)
    {
        if ((ConsoleUserRules.RoleProblem(role) ?? ConsoleUserRules.AccountProblem(account) ?? ConsoleUserRules.ContactProblem(contact, account)) is { } problem)
        {
            throw new OptionsException(problem);
        }
        var parsed = ConsoleRoles.TryParse(role, out var r) ? r : throw new OptionsException(ConsoleUserRules.RoleProblem(role)!);
        var hash = ssoOnly ? null : ConsolePasswords.Hash(ReadPassword());
        var now = Now;
        await using var store = await OpenAsync(options);
        var user = new ConsoleLogin(name, account, ConsoleRoles.Text(parsed), contact, hash, null, null, Disabled: false, now, now);
        if (!await store.AddConsoleUserAsync(user, CancellationToken.None))
        {
            Console.Error.WriteLine($"A console user named {name} already exists (names are compared without regard to case).");
            return 1;
        }
        Console.WriteLine($"Added {ConsoleRoles.Text(parsed)} {name} of account {account}{(ssoOnly ? ", who signs in with SSO only" : "")}.");
        return 0;
    }

    static async Task<int> ListAsync(ServerOptions options)
    {
        await using var store = await OpenAsync(options);
        var users = await store.ListConsoleUsersAsync(CancellationToken.None);
        Console.WriteLine("NAME\tACCOUNT\tROLE\tSIGN-IN\tCONTACT\tSTATE");
        foreach (var u in users)
        {
            var signIn = (u.PasswordHash is null ? "" : "password") + (u.PasswordHash is not null && u.OidcSubject is not null ? "+" : "") + (u.OidcSubject is null ? "" : "sso");
            Console.WriteLine($"{u.Name}\t{u.AccountId}\t{u.Role}\t{(signIn.Length == 0 ? "sso (not linked yet)" : signIn)}\t{u.ContactArn ?? "-"}\t{(u.Disabled ? "disabled" : "enabled")}");
        }
        return 0;
    }

    static async Task<int> SetPasswordAsync(ServerOptions options, string name)
    {
        await using var store = await OpenAsync(options);
        if (await store.FindConsoleUserAsync(name, CancellationToken.None) is not { } user)
        {
            Console.Error.WriteLine($"There is no console user named {name}.");
            return 1;
        }
        var hash = ConsolePasswords.Hash(ReadPassword());
        await store.UpdateConsoleUserAsync(user with { PasswordHash = hash, UpdatedAt = Now }, CancellationToken.None);
        Console.WriteLine($"Set the password of {user.Name}; their other sessions are signed out.");
        return 0;
    }

    static async Task<int> RemoveAsync(ServerOptions options, string name)
    {
        await using var store = await OpenAsync(options);
        if (!await store.RemoveConsoleUserAsync(name, CancellationToken.None))
        {
            Console.Error.WriteLine($"There is no console user named {name}.");
            return 1;
        }
        Console.WriteLine($"Removed {name}; their sessions end at their next request.");
        return 0;
    }

    static async Task<Domain.Ports.IStore> OpenAsync(ServerOptions options) =>
        (await StoreStart.OpenAsync(options, CancellationToken.None)).Store;

    static Instant Now => Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());

    static string? Take(List<string> args, string flag)
    {
        var at = args.IndexOf(flag);
        if (at < 0)
        {
            var inline = args.FirstOrDefault(a => a.StartsWith(flag + "=", StringComparison.Ordinal));
            if (inline is null)
            {
                return null;
            }
            args.Remove(inline);
            return inline[(flag.Length + 1)..];
        }
        if (at + 1 >= args.Count || args[at + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new OptionsException($"{flag} needs a value.");
        }
        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }

    static string ReadPassword()
    {
        string? password;
        if (Console.IsInputRedirected)
        {
            // Some shells' pipes start with a byte order mark, which is no part of the password.
            password = Console.In.ReadLine()?.TrimStart('\uFEFF');
        }
        else
        {
            password = Prompt("Password: ");
            if (Prompt("Again: ") != password)
            {
                throw new OptionsException("The two passwords differ.");
            }
        }
        return ConsolePasswords.Weakness(password) is { } weakness ? throw new OptionsException(weakness) : password!;
    }

    static string Prompt(string label)
    {
        Console.Error.Write(label);
        var typed = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
