-- wrk script for the crawl of bench/scale.sh: anonymous GETs of /api/articles with a random
-- combination of the tag, author and favorited filters (one, two or all three, each combination as
-- likely) and a random offset in 0..CRAWL_MAX_OFFSET, so that nearly every request asks for a page
-- nobody asked for before and misses the service's page cache. Environment:
--   CRAWL_NAMES       a file of lines "<filter> <heavy|tail> <value>", filter tag, author or
--                     favorited; each filter's value is one of its heavy values half the time,
--                     one of its tail values otherwise (whichever it has when it lacks one)
--   CRAWL_MAX_OFFSET  10000
--   CRAWL_SEED        seeds math.random (each wrk thread adds its number); default: the clock
-- done() prints the RESULT line of bench/wrk.lua:
--   RESULT <requests> <seconds> <p50 ms> <p99 ms> <status >= 400> <timeouts> <socket errors>
local max_offset = tonumber(os.getenv("CRAWL_MAX_OFFSET") or "10000")
local seed = tonumber(os.getenv("CRAWL_SEED") or "") or os.time()
local filters = { "tag", "author", "favorited" }
local names = {}
for _, f in ipairs(filters) do
  names[f] = { heavy = {}, tail = {} }
end

local file = assert(io.open(assert(os.getenv("CRAWL_NAMES"), "CRAWL_NAMES is not set"), "r"))
for line in file:lines() do
  local filter, class, value = line:match("^(%S+)%s+(%S+)%s+(%S+)$")
  if filter and names[filter] and names[filter][class] then
    table.insert(names[filter][class], value)
  end
end
file:close()

local function escape(value)
  return (value:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local function pick(filter)
  local heavy, tail = names[filter].heavy, names[filter].tail
  local list = heavy
  if #heavy == 0 or (#tail > 0 and math.random() < 0.5) then
    list = tail
  end
  if #list == 0 then
    return nil
  end
  return list[math.random(1, #list)]
end

-- Each thread its own sequence: setup() numbers the threads, init() seeds the thread's generator.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  math.randomseed(seed + 7919 * (number or 0))
end

function request()
  local combination = math.random(1, 7)
  local query = {}
  for i, f in ipairs(filters) do
    if math.floor(combination / 2 ^ (i - 1)) % 2 == 1 then
      local value = pick(f)
      if value then
        table.insert(query, f .. "=" .. escape(value))
      end
    end
  end
  table.insert(query, "offset=" .. math.random(0, max_offset))
  return wrk.format("GET", "/api/articles?" .. table.concat(query, "&"))
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d %d %d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.timeout, e.connect + e.read + e.write))
end
