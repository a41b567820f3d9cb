-- Claims one of an account's live-solve slots, atomically across gateway instances.
-- KEYS[1] the account's sorted set of live solves in flight (member: solve id, score: when its slot lapses, epoch ms).
-- ARGV[1] the solve id; ARGV[2] when its slot lapses (its deadline plus a grace, epoch ms); ARGV[3] the account's cap.
-- Slots whose solve never reported an end (a gateway that died) lapse by themselves. Time comes from Redis.
-- Returns {claimed (1|0), solves in flight after the call}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local n = redis.call('ZCARD', KEYS[1])
if n >= tonumber(ARGV[3]) then
  return {0, n}
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], latest[2])
return {1, n + 1}
