using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Callout.Bench.Engine;

/// The same-run baseline: how many page-sized, signed webhook posts per second the sink takes from
/// this process when nothing else is asked of it, with as many concurrent senders as the engine's
/// EngineOptions.Concurrency (16). Callout's sends/s is read against it: the part of the sink's
/// capacity the engine used, and proof the sink was not the limit.
static class SinkBaseline
{
    public static async Task<double> MeasureAsync(HttpClient sink, string secret, int workers, TimeSpan length, CancellationToken ct)
    {
        // WebhookSender's body for an email page, at about its size.
        var body = Encoding.UTF8.GetBytes("""
            {"idempotencyKey":"0193a1f0-0000-7000-8000-000000000000:0","channel":"EMAIL","address":"p1-0@example.com","subject":"baseline","body":"Engine benchmark engagement 1\n\nSender: bench\nAcknowledgement code: 123456\n\nAcknowledge this page: http://127.0.0.1:4580/_callout/ack/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","acknowledgeUrl":"http://127.0.0.1:4580/_callout/ack/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","account":"200000000000","region":"us-east-1"}
            """);
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        long next = 0;

        async Task<long> PostUntilAsync(long stopAt)
        {
            var posts = 0L;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("X-Callout-Signature", signature);
                request.Headers.TryAddWithoutValidation("X-Callout-Idempotency-Key",
                    SinkState.BaselinePrefix + Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture));
                using var response = await sink.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                posts++;
            }
            return posts;
        }

        async Task<(long Posts, TimeSpan Elapsed)> PhaseAsync(TimeSpan phase)
        {
            var started = Stopwatch.GetTimestamp();
            var stopAt = started + (long)(phase.TotalSeconds * Stopwatch.Frequency);
            var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => PostUntilAsync(stopAt), ct)));
            return (counts.Sum(), Stopwatch.GetElapsedTime(started));
        }

        await PhaseAsync(TimeSpan.FromSeconds(1)); // warm-up, unreported
        var (posts, elapsed) = await PhaseAsync(length);
        return posts / elapsed.TotalSeconds;
    }
}
