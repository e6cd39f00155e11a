using Callout.Server.WebConsole.Identity;

namespace Callout.Server.WebConsole;

/// The console's sections, as the header lists them; Admin only for administrators.
static class ConsoleNavigation
{
    public const string Home = "Home";
    public const string Incidents = "Incidents";
    public const string Engagements = "Engagements";
    public const string Contacts = "Contacts";
    public const string Schedules = "Schedules";
    public const string ResponsePlans = "Response plans";
    public const string Admin = "Admin";

    public static IEnumerable<(string Name, string Href)> Sections(ConsoleUser person)
    {
        yield return (Home, ConsoleRoutes.Prefix);
        yield return (Incidents, ConsoleRoutes.Prefix + "/incidents");
        yield return (Engagements, ConsoleRoutes.Prefix + "/engagements");
        yield return (Contacts, ConsoleRoutes.Prefix + "/contacts");
        yield return (Schedules, ConsoleRoutes.Prefix + "/schedules");
        yield return (ResponsePlans, ConsoleRoutes.Prefix + "/response-plans");
        if (person.May(ConsoleRole.Administrator))
        {
            yield return (Admin, ConsoleRoutes.Prefix + "/admin");
        }
    }
}
