-- A: id, token, new expiry micros, worker, then the message (payload, priority, deliverAt text, deliverAt micros,
-- max attempts, attempt, group) in case a lost data set took it away.
-- Returns 1, or 0 when the token is not the message's current lease.
local id = A[1]
local k = mkey(id)
local f = redis.call('HMGET', k, 'tk', 'st', 'g', 'pr', 'mb')
if not holds(A[2], f[1], f[2]) then
  return 0
end
if not f[2] then
  recreate(id, 5, 'l')
  f[3] = A[11]
else
  -- an expired lease that nobody claimed again is still current: take the message back from the ready or parked set
  unplace(f[2], f[3], f[4], f[5])
end
redis.call('HSET', k, 'st', 'l', 'tk', A[2], 'w', A[4])
redis.call('ZADD', P .. ':l', A[3], id)
if f[3] ~= '' then
  redis.call('ZADD', P .. ':s:' .. f[3], A[3], id)
end
return 1
