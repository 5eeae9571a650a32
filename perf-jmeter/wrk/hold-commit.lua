-- wrk script: the checkout flow on one hot coupon (BENCH-HOT, usage_limit 1,000,000; data:
-- seed-sql/redemption-bench.sql): each connection holds, then commits the hold it got, then holds
-- again. Counts holds and commits by status.
-- Usage: wrk -t2 -c64 -d30s --latency -s perf-jmeter/wrk/hold-commit.lua http://localhost:8080 -- RUN
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "checkout-key.lua")

local threads = {}
local counter = 0
local run
local to_commit = {}

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

init = function(args)
  run = args[1] or tostring(os.time())
  held, committed, refused, other = 0, 0, 0, 0
  math.randomseed(os.time() * 1000 + thread_id)
end

-- wrk pipelines nothing here: each connection sends its next request after the last answer, so a
-- commit follows the hold whose answer named it (on some connection of this thread).
request = function()
  local id = table.remove(to_commit)
  if id then
    return wrk.format("POST", "/api/reservations/" .. id .. "/commit",
      {["Authorization"] = wrk.headers["Authorization"]}, nil)
  end
  counter = counter + 1
  local order = string.format("bench-%s-%d-%d", run, thread_id, counter)
  local body = string.format('{"code":"BENCH-HOT","userId":"bench_%07d","orderId":"%s","orderValue":100}',
    math.random(1, 100000), order)
  return wrk.format("POST", "/api/reservations", {["Content-Type"] = "application/json", ["Idempotency-Key"] = order,
    ["Authorization"] = wrk.headers["Authorization"]}, body)
end

response = function(status, headers, body)
  if status == 201 then
    held = held + 1
    table.insert(to_commit, body:match('"id":"([^"]+)"'))
  elseif status == 200 then
    committed = committed + 1
  elseif status == 422 then
    refused = refused + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local h, c, r, o = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("held")
    c = c + thread:get("committed")
    r = r + thread:get("refused")
    o = o + thread:get("other")
  end
  io.write(string.format("answers: holds 201=%d commits 200=%d 422=%d other=%d\n", h, c, r, o))
  io.write(string.format("p50=%.2fms p99=%.2fms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
