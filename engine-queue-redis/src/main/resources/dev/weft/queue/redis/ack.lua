-- A: id, token, now micros
-- Deletes the message. Returns 1, or 0 when the token is not the message's current lease.
local id = A[1]
local k = mkey(id)
local f = redis.call('HMGET', k, 'tk', 'st', 'g', 'pr', 'mb')
if not holds(A[2], f[1], f[2]) then
  return 0
end
if not f[2] then
  return 1 -- the lost data set took it away: nothing left to delete
end
unplace(f[2], f[3], f[4], f[5])
redis.call('ZREM', P .. ':l', id)
redis.call('DEL', k)
redis.call('DECR', P .. ':n')
release(f[3], id, tonumber(A[3]))
return 1
