-- A: id, now micros
-- Queues a dead letter again, claimable now, attempts reset, behind the messages queued before. Returns 1, or 0 when
-- there is no such dead letter.
local id = A[1]
local k = mkey(id)
if redis.call('HGET', k, 'st') ~= 'd' then
  return 0
end
local prio = redis.call('HGET', k, 'pr')
local member = string.format('%016d', redis.call('INCR', P .. ':seq')) .. '|' .. id
redis.call('HSET', k, 'st', 'r', 'at', 0, 'av', A[2], 'mb', member)
redis.call('HDEL', k, 'le', 'fa')
redis.call('ZREM', P .. ':d', id)
fam_add(P .. ':r', prio, A[2], member)
redis.call('INCR', P .. ':n')
return 1
