-- wrk script: POSTs the validation requests of a CSV made by seed-sql/requests.sql, in order, cycling.
-- Usage: wrk -t2 -c100 -d60s --latency -s perf-jmeter/wrk/validate-csv.lua http://localhost:8080
-- The CSV path can be changed with the environment variable REQUESTS_CSV.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

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
