-- wrk script for bench/run.sh and bench/scale.sh. Environment:
--   BENCH_TOKEN        sends "Authorization: Token <jwt>"
--   BENCH_LOGIN_USERS  POSTs logins of bench1..bench<N>@example.com in turn, with BENCH_PASSWORD
--   BENCH_WRITE        "articles": POSTs new articles (tagged tag1 and one other tag);
--                      "favorites": favorites and unfavorites, in turn, random articles
--                      bench-article-1..bench-article-<BENCH_ARTICLES>
--   BENCH_RATE         requests per second per connection at most (waits 1000/rate ms after each)
-- done() prints one line: RESULT <requests> <seconds> <p50 ms> <p99 ms> <status >= 400> <timeouts> <socket errors>
local token = os.getenv("BENCH_TOKEN")
local login_users = tonumber(os.getenv("BENCH_LOGIN_USERS") or "0")
local password = os.getenv("BENCH_PASSWORD") or ""
local write = os.getenv("BENCH_WRITE")
local articles = tonumber(os.getenv("BENCH_ARTICLES") or "1")
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
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

if write == "articles" then
  math.randomseed(os.time())
  local run = math.random(1, 1e9)
  wrk.headers["Content-Type"] = "application/json"
  request = function()
    n = n + 1
    local body = string.format(
      '{"article":{"title":"Written under load %d %d","description":"A write of the mixed run",'
        .. '"body":"%s","tagList":["tag1","tag%d"]}}',
      run, n, string.rep("Lorem ipsum dolor sit amet. ", 40), math.random(2, 100))
    return wrk.format("POST", "/api/articles", nil, body)
  end
elseif write == "favorites" then
  math.randomseed(os.time() + 1)
  request = function()
    n = n + 1
    local path = string.format("/api/articles/bench-article-%d/favorite", math.random(1, articles))
    return wrk.format(n % 2 == 1 and "POST" or "DELETE", path)
  end
end

if rate > 0 then
  delay = function()
    return 1000 / rate
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d %d %d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.timeout, e.connect + e.read + e.write))
end
