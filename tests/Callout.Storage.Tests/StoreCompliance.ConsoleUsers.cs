using Callout.Domain.ConsoleUsers;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    // Backends may share one database between tests, so each test names its own users.
    static string NewUserName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    ConsoleLogin NewLogin(string name, string? issuer = null, string? subject = null) => new(
        name, Scope.AccountId, "viewer", null, "hash-of-" + name, issuer, subject, Disabled: false, T0, T0);

    [Fact]
    public async Task a_console_user_is_added_and_found_by_name_in_any_case()
    {
        var name = NewUserName("Alice.");
        var added = NewLogin(name) with { ContactArn = $"arn:aws:ssm-contacts:us-east-1:{Scope.AccountId}:contact/alice", Role = "responder" };

        Assert.True(await Store.AddConsoleUserAsync(added, None));

        Assert.Equal(added, await Store.FindConsoleUserAsync(name, None));
        Assert.Equal(added, await Store.FindConsoleUserAsync(name.ToUpperInvariant(), None));
        Assert.Null(await Store.FindConsoleUserAsync(NewUserName("nobody"), None));
    }

    [Fact]
    public async Task a_second_console_user_with_a_name_differing_only_in_case_is_refused()
    {
        var name = NewUserName("bob");
        Assert.True(await Store.AddConsoleUserAsync(NewLogin(name), None));

        Assert.False(await Store.AddConsoleUserAsync(NewLogin(name.ToUpperInvariant()) with { Role = "administrator" }, None));

        Assert.Equal("viewer", (await Store.FindConsoleUserAsync(name, None))!.Role);
    }

    [Fact]
    public async Task a_console_user_without_a_password_is_found_by_their_oidc_link_and_a_link_is_never_shared()
    {
        var issuer = "https://idp.example/" + Guid.NewGuid().ToString("N");
        var sso = NewLogin(NewUserName("sso")) with { PasswordHash = null, OidcIssuer = issuer, OidcSubject = "subject-1" };
        Assert.True(await Store.AddConsoleUserAsync(sso, None));

        Assert.Equal(sso, await Store.FindConsoleUserByOidcAsync(issuer, "subject-1", None));
        Assert.Null(await Store.FindConsoleUserByOidcAsync(issuer, "subject-2", None));
        Assert.Null(await Store.FindConsoleUserByOidcAsync(issuer + "/other", "subject-1", None));

        var other = NewLogin(NewUserName("other"));
        Assert.False(await Store.AddConsoleUserAsync(other with { OidcIssuer = issuer, OidcSubject = "subject-1" }, None));
        Assert.True(await Store.AddConsoleUserAsync(other, None));
        Assert.False(await Store.UpdateConsoleUserAsync(other with { OidcIssuer = issuer, OidcSubject = "subject-1" }, None));
        Assert.Null((await Store.FindConsoleUserAsync(other.Name, None))!.OidcSubject);
    }

    [Fact]
    public async Task updating_a_console_user_replaces_everything_but_when_they_were_created()
    {
        var name = NewUserName("carol");
        Assert.True(await Store.AddConsoleUserAsync(NewLogin(name), None));
        var changed = NewLogin(name.ToUpperInvariant()) with
        {
            Role = "administrator", PasswordHash = "new-hash", Disabled = true, ContactArn = "arn:c",
            OidcIssuer = "https://idp", OidcSubject = NewUserName("s"), CreatedAt = T0.PlusTicks(99), UpdatedAt = T0.Plus(Duration.FromSeconds(60)),
        };

        Assert.True(await Store.UpdateConsoleUserAsync(changed, None));

        Assert.Equal(changed with { CreatedAt = T0 }, await Store.FindConsoleUserAsync(name, None));
        Assert.False(await Store.UpdateConsoleUserAsync(NewLogin(NewUserName("ghost")), None));
    }

    [Fact]
    public async Task a_removed_console_user_is_gone_from_finds_and_the_listing()
    {
        var kept = NewUserName("kept");
        var removed = NewUserName("gone");
        Assert.True(await Store.AddConsoleUserAsync(NewLogin(kept), None));
        Assert.True(await Store.AddConsoleUserAsync(NewLogin(removed), None));

        Assert.True(await Store.RemoveConsoleUserAsync(removed.ToUpperInvariant(), None));
        Assert.False(await Store.RemoveConsoleUserAsync(removed, None));

        Assert.Null(await Store.FindConsoleUserAsync(removed, None));
        var names = (await Store.ListConsoleUsersAsync(None)).Select(u => u.Name).ToList();
        Assert.Contains(kept, names);
        Assert.DoesNotContain(removed, names);
    }

    [Fact]
    public async Task console_keys_are_listed_in_the_order_they_were_added_and_a_name_keeps_its_first_key()
    {
        var first = NewUserName("key-");
        var second = NewUserName("key-");
        await Store.AddConsoleKeyAsync(second, $"<key id='{second}'/>", T0.Plus(Duration.FromSeconds(1)), None);
        await Store.AddConsoleKeyAsync(first, $"<key id='{first}'/>", T0, None);
        await Store.AddConsoleKeyAsync(first, "<key id='replacement'/>", T0.Plus(Duration.FromSeconds(2)), None);

        var keys = (await Store.ListConsoleKeysAsync(None)).Where(k => k.Contains(first, StringComparison.Ordinal) || k.Contains(second, StringComparison.Ordinal) || k.Contains("replacement", StringComparison.Ordinal)).ToList();

        Assert.Equal([$"<key id='{first}'/>", $"<key id='{second}'/>"], keys);
    }
}
