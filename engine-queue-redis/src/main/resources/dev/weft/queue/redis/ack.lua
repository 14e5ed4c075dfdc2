-- ARGV: prefix, id, token, now micros
-- Deletes the message. Returns 1, or 0 when the token is not the message's current lease.
local id = ARGV[2]
local k = mkey(id)
local f = redis.call('HMGET', k, 'tk', 'st', 'g', 'pr', 'mb')
if f[1] ~= ARGV[3] then
  return 0
end
unplace(f[2], f[3], f[4], f[5])
redis.call('ZREM', P .. ':l', id)
redis.call('DEL', k)
redis.call('DECR', P .. ':n')
release(f[3], id, tonumber(ARGV[4]))
return 1
