-- Reserves a solve's price while billing cannot be asked: admitted only if the account's last announced available
-- balance, less every price reserved since that billing has not announced yet, still covers it.
-- KEYS[1] the account's last announced balance (hash: available, at); KEYS[2] its reservations (see expect.lua).
-- ARGV[1] the solve id; ARGV[2] its price; ARGV[3] how long the reservation counts at most (ms).
-- Returns {1, available before this price} when reserved, {0, available} when it does not cover the price, and
-- {-1, 0} when no balance was ever announced for the account (or it is too old to be kept).
local available = redis.call('HGET', KEYS[1], 'available')
if not available then
  return {-1, 0}
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local left = tonumber(available)
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  local solve, value = entries[i], entries[i + 1]
  local sep = string.find(value, ':', 1, true)
  if tonumber(string.sub(value, sep + 1)) <= now then
    redis.call('HDEL', KEYS[2], solve)
  elseif solve ~= ARGV[1] then
    left = left - tonumber(string.sub(value, 1, sep - 1))
  end
end
if left < tonumber(ARGV[2]) then
  return {0, left}
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. (now + tonumber(ARGV[3])))
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return {1, left}
