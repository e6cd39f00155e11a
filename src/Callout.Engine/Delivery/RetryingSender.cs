using Polly;
using Polly.Retry;

namespace Callout.Engine.Delivery;

/// Tries a provider again when it refused a message for a reason that may pass (a 5xx, a 429, a
/// refused connection), and when its answer left the outcome in doubt (DeliveryOutcomeUnknownException:
/// a timeout or a broken connection after the request went out): three tries in all, 200 ms then
/// 400 ms apart, every one with the message's idempotency key, which providers that honour one use
/// to drop the repeats (docs/decisions.md, "No page lost"). Permanent refusals are passed on at
/// once; an outcome still in doubt after the last try is thrown. With the providers' 10 s per-try
/// timeouts a send takes at most about 31 s, well inside the engine's 60 s lease.
public sealed class RetryingSender : IMessageSender
{
    public const int Attempts = 3;

    readonly IMessageSender _inner;
    readonly ResiliencePipeline<SendResult> _pipeline;

    /// `time` drives the waits between tries. It is the wall clock even under `--clock virtual`:
    /// provider back-off is about the provider's real time, and a virtual wait would never end while
    /// the clock endpoint waits for the engine to go idle.
    public RetryingSender(IMessageSender inner, TimeProvider time)
    {
        _inner = inner;
        _pipeline = new ResiliencePipelineBuilder<SendResult> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<SendResult>
            {
                ShouldHandle = new PredicateBuilder<SendResult>()
                    .HandleResult(r => !r.Accepted && !r.Permanent)
                    .Handle<DeliveryOutcomeUnknownException>(),
                MaxRetryAttempts = Attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = false,
            })
            .Build();
    }

    public string Name => _inner.Name;

    public async Task<SendResult> SendAsync(OutgoingMessage message, CancellationToken ct) =>
        await _pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<SendResult>(state.Inner.SendAsync(state.Message, token)),
            (Inner: _inner, Message: message),
            ct);
}
