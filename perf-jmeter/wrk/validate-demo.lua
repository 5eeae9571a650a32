-- wrk script: POSTs validation requests for the demo data set, rotating through valid and rejected cases.
-- Usage: wrk -t2 -c100 -d60s --latency -s perf-jmeter/wrk/validate-demo.lua http://localhost:8080
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "checkout-key.lua")

local bodies = {
  '{"code":"USER-TEST","userId":"user_0000001","orderValue":1000}',
  '{"code":"user-test","userId":"user_0000002","orderValue":1000}',
  '{"code":"WELCOME10","userId":"user_0000003","orderValue":120.50,"orderId":"order-1"}',
  '{"code":"FLAT5","userId":"user_0000004","orderValue":19.99}',
  '{"code":"SUMMER-OLD","userId":"user_0000005","orderValue":80}',
  '{"code":"PAUSED","userId":"user_0000001","orderValue":50}',
  '{"code":"NOPE","userId":"user_0000001","orderValue":10}',
  '{"code":"WELCOME10","userId":"user_9999999","orderValue":10}',
}
local i = 0

request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/api/coupons/validate", nil, bodies[i])
end
