using Callout.Domain.Arns;

namespace Callout.Engine.Delivery;

/// Which accounts recently sent SMS to a number, so a reply from that number can be matched to a
/// page. An inbound SMS names only the two numbers, and the store contract has no lookup of
/// channels by address across accounts yet; this is the stand-in until it does. It lives in memory:
/// after a restart, replies are matched only in the server's default account and region.
public sealed class RecipientScopes
{
    const int MaxAddresses = 100_000;

    readonly Lock _gate = new();
    readonly Dictionary<string, List<AccountScope>> _byAddress = new(StringComparer.Ordinal);

    public void Remember(string address, AccountScope scope)
    {
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(address, out var scopes))
            {
                if (_byAddress.Count >= MaxAddresses)
                {
                    // Forget the oldest number: a dictionary without removals enumerates in insertion order.
                    _byAddress.Remove(_byAddress.Keys.First());
                }
                _byAddress[address] = scopes = [];
            }
            if (!scopes.Contains(scope))
            {
                scopes.Add(scope);
            }
        }
    }

    public IReadOnlyList<AccountScope> For(string address)
    {
        lock (_gate)
        {
            return _byAddress.TryGetValue(address, out var scopes) ? [.. scopes] : [];
        }
    }
}
