using Callout.Domain.Ports;

namespace Callout.Engine.Processing;

/// The secrets behind accept codes and acknowledgement links. They live in the store so every
/// node derives the same codes; read once and kept. Two first readers racing both read the same
/// stored values, so no lock is needed.
public sealed class EngineSecrets(IEngineStore store)
{
    Task<(byte[] AcceptCodes, byte[] Links)>? _loaded;

    public async ValueTask<byte[]> AcceptCodesAsync(CancellationToken ct) => (await LoadAsync(ct)).AcceptCodes;

    public async ValueTask<byte[]> LinksAsync(CancellationToken ct) => (await LoadAsync(ct)).Links;

    Task<(byte[] AcceptCodes, byte[] Links)> LoadAsync(CancellationToken ct)
    {
        if (_loaded is { IsFaulted: true } or { IsCanceled: true })
        {
            _loaded = null;
        }
        return _loaded ??= ReadAsync(ct);
    }

    async Task<(byte[], byte[])> ReadAsync(CancellationToken ct) =>
        (await store.GetSecretAsync("accept-codes", ct), await store.GetSecretAsync("acknowledge-links", ct));
}
