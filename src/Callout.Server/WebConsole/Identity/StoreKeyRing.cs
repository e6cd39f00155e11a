using System.Xml.Linq;
using Callout.Domain.Ports;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NodaTime;

namespace Callout.Server.WebConsole.Identity;

/// Keeps the Data Protection keys that sign the console's cookies (and its antiforgery tokens) in
/// the store: a cookie one PostgreSQL node issued is honoured by the others, and a server's
/// cookies outlive its restart. The keys sit in the store next to its other secrets (the secrets
/// table), protected as the data directory or the database is (docs/security.md, Console).
sealed class StoreKeyRing(IConsoleUserStore store, TimeProvider time) : IXmlRepository
{
    // IXmlRepository is synchronous; Data Protection calls it rarely (at start-up, when its cached
    // key ring expires, and when it makes a key), never on a request's path of every request.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.ListConsoleKeysAsync(CancellationToken.None).GetAwaiter().GetResult().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // friendlyName is "key-{guid}": unique per key.
        store.AddConsoleKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting),
            Instant.FromDateTimeOffset(time.GetUtcNow()), CancellationToken.None).GetAwaiter().GetResult();
    }
}
