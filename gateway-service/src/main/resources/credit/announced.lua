-- Applies billing's BalanceChanged: the account's available balance as billing announced it, and the solve whose
-- hold or charge it reflects no longer counts as reserved apart. A redelivered older announcement (a consumer
-- rebalance) does not replace a newer one; its solve is reflected in the newer one all the same.
-- KEYS[1] the account's last announced balance; KEYS[2] its reservations.
-- ARGV[1] available credits; ARGV[2] when billing announced it (epoch ms); ARGV[3] the solve id or ''; ARGV[4] how
-- long an announced balance is kept without a newer one (ms).
local at = redis.call('HGET', KEYS[1], 'at')
if ARGV[3] ~= '' then
  redis.call('HDEL', KEYS[2], ARGV[3])
end
if at and tonumber(at) > tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], 'available', ARGV[1], 'at', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
