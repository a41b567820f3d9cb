-- One failed API-key authentication from a client: count it in a fixed window that starts at the first failure.
-- KEYS[1] the client's counter; ARGV[1] the window in milliseconds. Returns {failures so far, ms left in the window}.
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return {failures, redis.call('PTTL', KEYS[1])}
