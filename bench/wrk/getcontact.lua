-- GetContact for contact "a1" of the bench account (bench/lib.sh: BENCH_ACCOUNT), as an SDK sends
-- it: JSON 1.1 target header and an Authorization header whose credential scope names the account.
wrk.method = "POST"
wrk.path = "/"
wrk.headers["X-Amz-Target"] = "SSMContacts.GetContact"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=111122223333/20261125/us-east-1/ssm-contacts/aws4_request, SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000"
wrk.body = '{"ContactId":"arn:aws:ssm-contacts:us-east-1:111122223333:contact/a1"}'

-- One machine-readable line, so getcontact.sh need not parse wrk's human units (us/ms/s, k).
-- Latencies are in microseconds; "status" counts answers other than 2xx/3xx.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
