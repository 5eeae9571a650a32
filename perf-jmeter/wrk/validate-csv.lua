-- wrk script: POSTs the validation requests of a CSV made by seed-sql/requests.sql, in order, cycling.
-- Usage: wrk -t2 -c100 -d60s --latency -s perf-jmeter/wrk/validate-csv.lua http://localhost:8080
-- The CSV path can be changed with the environment variable REQUESTS_CSV.
-- Paced load: add "-- RATE [THREADS]" (requests per second for the whole run, e.g. "-- 12000";
-- THREADS is wrk's -t, 2 unless given); each wrk thread then starts requests on a fixed schedule,
-- a request late for its slot going at once. Without a rate, every connection sends as fast as
-- answers come.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "checkout-key.lua")

local path = os.getenv("REQUESTS_CSV") or "perf-jmeter/data/requests.csv"
local bodies = {}
local first = true
for line in io.lines(path) do
  if first then
    first = false -- the header
  else
    local category, code, user, value, order = line:match("^([^,]*),([^,]*),([^,]*),([^,]*),([^,]*)$")
    local body = string.format('{"code":"%s","userId":"%s","orderValue":%s', code, user, value)
    if order ~= "" then
      body = body .. string.format(',"orderId":"%s"', order)
    end
    bodies[#bodies + 1] = body .. "}"
  end
end

local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/api/coupons/validate", nil, bodies[i])
end

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } wrk_timespec;
  int clock_gettime(int clock, wrk_timespec *now);
]]
local now = ffi.new("wrk_timespec")
local function millis()
  ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
  return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
end

local interval -- milliseconds between two requests of this thread, when paced
local next_slot

init = function(args)
  local rate = tonumber(args[1])
  local threads = tonumber(args[2]) or 2
  if rate and rate > 0 then
    interval = 1000 * threads / rate
  end
end

delay = function()
  if not interval then
    return 0
  end
  local t = millis()
  -- After a stall, catch up on at most a second of missed slots rather than bursting the lot.
  if not next_slot or next_slot < t - 1000 then
    next_slot = t
  end
  local wait = math.max(0, next_slot - t)
  next_slot = next_slot + interval
  return wait
end
