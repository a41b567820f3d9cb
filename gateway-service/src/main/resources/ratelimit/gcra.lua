-- Per-key minute and day limits in one atomic step (GCRA, the "generic cell rate algorithm").
-- KEYS[1], KEYS[2]: theoretical arrival times (ms) of the minute and day limits.
-- ARGV[1], ARGV[2]: the limits (requests per minute, per day).
-- Each limit admits a burst of its whole quota, then one request per (period / limit): a request is allowed when
-- both limits allow it, and only then are both updated. Time comes from Redis, so every gateway agrees.
-- Returns {allowed, retryAfterMs, minuteRemaining, minuteResetMs, dayRemaining, dayResetMs}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local periods = {60000, 86400000}
local results = {}
local allowed = 1
local retry = 0
for i = 1, 2 do
  local limit = tonumber(ARGV[i])
  local interval = periods[i] / limit
  local tat = tonumber(redis.call('GET', KEYS[i]) or now)
  if tat < now then tat = now end
  local new_tat = tat + interval
  local allow_at = new_tat - periods[i]
  if now < allow_at then
    allowed = 0
    retry = math.max(retry, allow_at - now)
    results[i] = {tat, math.max(0, math.floor((now + periods[i] - tat) / interval)), tat - now}
  else
    results[i] = {new_tat, math.max(0, math.floor((now + periods[i] - new_tat) / interval)), new_tat - now}
  end
end
if allowed == 1 then
  for i = 1, 2 do
    redis.call('SET', KEYS[i], results[i][1], 'PX', math.max(1, math.ceil(results[i][3])))
  end
end
return {allowed, math.ceil(retry), results[1][2], math.ceil(results[1][3]), results[2][2], math.ceil(results[2][3])}
