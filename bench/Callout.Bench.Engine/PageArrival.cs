namespace Callout.Bench.Engine;

/// One page send as the sink saw it: its idempotency key ({pageId}:{attempt}), the engagement the
/// bench numbered it with (from the subject; -1 when the subject is not ours) and when it arrived,
/// in DateTime ticks (UTC).
readonly record struct PageArrival(string Key, int Engagement, long ArrivedTicks);
