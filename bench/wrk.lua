-- wrk script for bench/run.sh. Environment:
--   BENCH_TOKEN        sends "Authorization: Token <jwt>"
--   BENCH_LOGIN_USERS  POSTs logins of bench1..bench<N>@example.com in turn, with BENCH_PASSWORD
-- done() prints one line: RESULT <requests> <seconds> <p50 ms> <p99 ms> <status >= 400> <timeouts> <socket errors>
local token = os.getenv("BENCH_TOKEN")
local login_users = tonumber(os.getenv("BENCH_LOGIN_USERS") or "0")
local password = os.getenv("BENCH_PASSWORD") or ""
local n = 0

if token and token ~= "" then
  wrk.headers["Authorization"] = "Token " .. token
end

if login_users > 0 then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  request = function()
    n = n + 1
    local body = string.format('{"user":{"email":"bench%d@example.com","password":"%s"}}',
      (n % login_users) + 1, password)
    return wrk.format(nil, nil, nil, body)
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d %d %d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.timeout, e.connect + e.read + e.write))
end
