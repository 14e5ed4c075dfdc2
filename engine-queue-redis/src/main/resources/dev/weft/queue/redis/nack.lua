-- A: id, token, now micros, now text, available-again micros, error text, then the message (payload, priority,
-- deliverAt text, deliverAt micros, max attempts, attempt, group) in case a lost data set took it away.
-- Returns 1 when the message is queued again, 2 when it went to the dead letters, 0 when the token is not current.
local id = A[1]
local k = mkey(id)
local f = redis.call('HMGET', k, 'tk', 'st', 'g', 'pr', 'mb', 'at', 'mx')
if not holds(A[2], f[1], f[2]) then
  return 0
end
if not f[2] then
  f[3], f[4], f[6], f[7] = A[13], A[8], A[12], A[11]
  f[5] = recreate(id, 7, 'l')
else
  unplace(f[2], f[3], f[4], f[5])
end
redis.call('ZREM', P .. ':l', id)
local result
if tonumber(f[6]) >= tonumber(f[7]) then
  bury(id, A[6], A[4], A[3])
  result = 2
else
  redis.call('HSET', k, 'st', 'r', 'av', A[5])
  redis.call('HDEL', k, 'tk', 'w')
  fam_add(P .. ':r', f[4], A[5], f[5])
  result = 1
end
release(f[3], id, tonumber(A[3]))
return result
