-- wrk script for the API benchmarks (bench/support/run-wrk.ts): every request carries the
-- session cookie given in OTOP_COOKIE ('otop_session=…') and, when OTOP_ACCEPT_ENCODING is set,
-- that Accept-Encoding (as a browser sends 'gzip, deflate, br'); at the end one JSON line with
-- wrk's own latency percentiles (microseconds) and error counts (non2xx: other than 2xx/3xx).
wrk.headers["Cookie"] = os.getenv("OTOP_COOKIE")
local encoding = os.getenv("OTOP_ACCEPT_ENCODING")
if encoding and encoding ~= "" then wrk.headers["Accept-Encoding"] = encoding end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"p50":%d,"p95":%d,"p99":%d,"mean":%.1f,"max":%d,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
