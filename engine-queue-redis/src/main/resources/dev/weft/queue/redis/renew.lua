-- ARGV: prefix, id, token, new expiry micros
-- Returns 1, or 0 when the token is not the message's current lease.
local id = ARGV[2]
local k = mkey(id)
local f = redis.call('HMGET', k, 'tk', 'st', 'g', 'pr', 'mb')
if f[1] ~= ARGV[3] then
  return 0
end
-- an expired lease that nobody claimed again is still current: take the message back from the ready or parked set
unplace(f[2], f[3], f[4], f[5])
redis.call('HSET', k, 'st', 'l')
redis.call('ZADD', P .. ':l', ARGV[4], id)
if f[3] ~= '' then
  redis.call('ZADD', P .. ':s:' .. f[3], ARGV[4], id)
end
return 1
