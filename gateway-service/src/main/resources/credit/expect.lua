-- Notes a price about to be held for a solve, before billing is asked: until billing announces the hold (or the
-- solve's end) it counts against the account's last announced balance, so a reservation made while billing is away
-- never spends what a hold placed a moment before already took.
-- KEYS[1] the account's reservations (hash: solve id -> "price:lapses at, epoch ms").
-- ARGV[1] the solve id; ARGV[2] its price; ARGV[3] how long the reservation counts at most (ms).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. (now + tonumber(ARGV[3])))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
