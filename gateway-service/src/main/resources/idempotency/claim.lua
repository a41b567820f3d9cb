-- Claims an Idempotency-Key for one submission, atomically across gateway instances.
-- KEYS[1] the account's key record; ARGV[1] the pending record; ARGV[2] its time to live (seconds).
-- Returns nil when this caller claimed the key, else the record already there.
local current = redis.call('GET', KEYS[1])
if current then
  return current
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
