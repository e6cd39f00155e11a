using Callout.Server.Hosting;

namespace Callout.Server.WebConsole.Pages;

/// Home: who is on call now and next, open incidents and running engagements.
sealed class IndexModel(ConsoleApi api, ServerOptions options) : ConsolePage(api, options)
{
}
