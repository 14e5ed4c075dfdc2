-- A: id, payload, priority, deliverAt text, deliverAt micros, max attempts, group, nonce
-- Returns 1 when queued (or when this very call was already applied: same nonce; or when a repair re-queued the
-- same message while this call waited for Redis), 0 for a duplicate id.
local id = A[1]
local k = mkey(id)
if redis.call('EXISTS', k) == 1 then
  local f = redis.call('HMGET', k, 'n', 'p')
  if f[1] == A[8] then
    return 1
  end
  if f[1] == 'repair' and f[2] == A[2] then
    redis.call('HSET', k, 'n', A[8])
    return 1
  end
  return 0
end
local seq = redis.call('INCR', P .. ':seq')
local member = string.format('%016d', seq) .. '|' .. id
redis.call('HSET', k, 'p', A[2], 'pr', A[3], 'da', A[4], 'mx', A[6], 'at', 0, 'g', A[7],
  'n', A[8], 'mb', member, 'av', A[5], 'st', 'r')
fam_add(P .. ':r', A[3], A[5], member)
redis.call('INCR', P .. ':n')
return 1
