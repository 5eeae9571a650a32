-- wrk script: redemptions of distinct coupons, each request with its own order and idempotency key
-- (data: seed-sql/redemption-bench.sql). Counts the answers by status; the run's script compares
-- the 201s with the rows in coupon_usage.
-- Usage: wrk -t2 -c64 -d30s --latency -s perf-jmeter/wrk/redeem.lua http://localhost:8080 -- RUN
-- RUN names the run, so that its orders and keys are new (default: the time).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "checkout-key.lua")

local threads = {}
local counter = 0
local run

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

init = function(args)
  run = args[1] or tostring(os.time())
  created, refused, other = 0, 0, 0
  math.randomseed(os.time() * 1000 + thread_id)
end

request = function()
  counter = counter + 1
  local order = string.format("bench-%s-%d-%d", run, thread_id, counter)
  local body = string.format('{"code":"BENCH-R-%d","userId":"bench_%07d","orderId":"%s","orderValue":100}',
    math.random(1, 10000), math.random(1, 100000), order)
  return wrk.format(nil, "/api/redemptions", {["Content-Type"] = "application/json", ["Idempotency-Key"] = order,
    ["Authorization"] = wrk.headers["Authorization"]}, body)
end

response = function(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 422 then
    refused = refused + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    r = r + thread:get("refused")
    o = o + thread:get("other")
  end
  io.write(string.format("answers: 201=%d 422=%d other=%d\n", c, r, o))
  io.write(string.format("p50=%.2fms p99=%.2fms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
