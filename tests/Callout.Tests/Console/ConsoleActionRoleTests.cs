using System.Reflection;
using System.Security.Claims;
using Callout.Server.Hosting;
using Callout.Server.WebConsole;
using Callout.Server.WebConsole.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Xunit;

namespace Callout.Tests.Console;

/// Every action of the home, incident and engagement pages asks for a responder before anything
/// else: a viewer's post is a 403 that never reaches an operation (the page models get no
/// ConsoleApi here, so a handler that called one first would fail with another error).
public sealed class ConsoleActionRoleTests
{
    static readonly ServerOptions Options = new();

    public static TheoryData<string, string> Actions()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in PageTypes)
        {
            foreach (var handler in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                data.Add(type.FullName!, handler.Name);
            }
        }
        return data;
    }

    static readonly Type[] PageTypes =
    [
        typeof(Callout.Server.WebConsole.Pages.IndexModel),
        typeof(Callout.Server.WebConsole.Pages.Incidents.DetailModel),
        typeof(Callout.Server.WebConsole.Pages.Engagements.DetailModel),
    ];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task A_viewer_is_refused_every_action_before_any_operation_runs(string page, string handler)
    {
        var model = NewPage(page, ConsoleRole.Viewer);
        var result = await Invoke(model, handler);
        Assert.IsType<ForbidResult>(result);
    }

    [Fact]
    public void Each_page_with_actions_has_some()
    {
        // The theory above must not pass by finding no handlers.
        Assert.True(Actions().Count >= 7, "expected the acknowledge, resolve, reopen, note and stop handlers");
    }

    static async Task<IActionResult> Invoke(PageModel model, string handler)
    {
        var method = model.GetType().GetMethod(handler)!;
        var args = method.GetParameters().Select(p => p.ParameterType == typeof(string) ? (object?)"x" : null).ToArray();
        return await (Task<IActionResult>)method.Invoke(model, args)!;
    }

    static PageModel NewPage(string typeName, ConsoleRole role)
    {
        var type = PageTypes.Single(t => t.FullName == typeName);
        var constructor = type.GetConstructors().Single();
        var args = constructor.GetParameters().Select(p =>
            p.ParameterType == typeof(ServerOptions) ? Options
            : p.ParameterType == typeof(TimeProvider) ? TimeProvider.System
            : (object?)null).ToArray();
        var model = (PageModel)constructor.Invoke(args);
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.Name, "vera"),
                    new Claim(ConsoleClaims.Account, "111122223333"),
                    new Claim(ConsoleClaims.Role, role.ToString()),
                ],
                authenticationType: "test", nameType: ClaimTypes.Name, roleType: ConsoleClaims.Role)),
        };
        model.PageContext = new PageContext { HttpContext = http };
        return model;
    }
}
