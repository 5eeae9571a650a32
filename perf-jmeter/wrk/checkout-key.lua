-- The Integration API's key for the load scripts: COUPONS_API_KEY, or the development key the
-- launcher made in .data/dev (wrk runs from the project's folder).
local key = os.getenv("COUPONS_API_KEY")
if not key or key == "" then
  local file = io.open(".data/dev/checkout-key")
  key = file and file:read("*l") or ""
  if file then file:close() end
end
return "ApiKey " .. key
