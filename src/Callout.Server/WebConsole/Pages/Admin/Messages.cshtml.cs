using Callout.Domain.Arns;
using Callout.Domain.Outbox;
using Callout.Domain.Ports;
using Callout.Engine.Delivery;
using Callout.Server.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Callout.Server.WebConsole.Pages.Admin;

/// The message log: the region's local outbox (messages kept because no provider serves their
/// channel type), newest first, and the sends this server made through its providers lately. Both
/// filter by contact and channel type. It is read-only, so it reads the store's outbox listing
/// directly, as GET /_callout/outbox does; it pages through the newest 1,000 messages.
sealed class MessagesModel(ConsoleApi api, ServerOptions options, IStore store, DeliveryHealth health) : AdminPage(api, options)
{
    public const int PageSize = 50;
    public const int Newest = 1000;

    public IReadOnlyList<OutboxMessage> Outbox { get; private set; } = [];

    public IReadOnlyList<DeliveryAttempt> Deliveries { get; private set; } = [];

    public bool More { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Contact { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ChannelType { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync()
    {
        var scope = AccountScope.For(Person.Region, Person.AccountId);
        PageNumber = Math.Clamp(PageNumber, 1, Newest / PageSize + 1);
        var matching = (await store.ListOutboxAsync(scope, Newest, HttpContext.RequestAborted))
            .Where(m => Matches(m.ContactArn, m.ChannelType))
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToList();
        More = matching.Count > PageSize;
        Outbox = matching.Take(PageSize).ToList();
        Deliveries = health.Recent
            .Where(d => ResourceArn.TryParse(d.ChannelArn, out var arn) && arn.Scope == scope && d.Provider != "outbox")
            .Where(d => Matches(ContactOf(d.ChannelArn), d.ChannelType))
            .Take(PageSize)
            .ToList();
    }

    /// The contact ARN of a channel ARN (`…:contact-channel/ALIAS/ID` → `…:contact/ALIAS`).
    public static string? ContactOf(string channelArn) =>
        ResourceArn.TryParse(channelArn, out var arn) ? ResourceArn.Contact(arn.Scope, arn.Alias).ToString() : null;

    public static string AliasOf(string? contactArn) => contactArn is null ? "" : contactArn[(contactArn.LastIndexOf('/') + 1)..];

    bool Matches(string? contactArn, string channelType) =>
        (ChannelType is not { Length: > 0 } type || string.Equals(type, channelType, StringComparison.OrdinalIgnoreCase))
        && (Contact is not { Length: > 0 } contact
            || (contactArn is not null && (contactArn == contact || AliasOf(contactArn) == contact)));
}
