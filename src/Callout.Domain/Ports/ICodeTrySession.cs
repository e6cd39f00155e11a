using NodaTime;

namespace Callout.Domain.Ports;

/// Wrong tries at a code (an activation code, a page's accept code), within one account and
/// region. They are kept in the store so that neither a restart nor another node starts a guesser
/// over; the key names the code (CodeTries).
public interface ICodeTrySession
{
    /// Counts one more wrong try at the code, in one statement so that sessions counting at once
    /// lose none, and returns how many there have been.
    Task<int> AddWrongTryAsync(string codeKey, Instant now, CancellationToken ct);

    /// How many wrong tries the code has had; 0 for a code never tried.
    Task<int> WrongTriesAsync(string codeKey, CancellationToken ct);
}
