-- ARGV: prefix, id, payload, priority, deliverAt text, deliverAt micros, max attempts, group, nonce
-- Returns 1 when queued (or when this very call was already applied: same nonce), 0 for a duplicate id.
local id = ARGV[2]
local k = mkey(id)
if redis.call('EXISTS', k) == 1 then
  if redis.call('HGET', k, 'n') == ARGV[9] then
    return 1
  end
  return 0
end
local seq = redis.call('INCR', P .. ':seq')
local member = string.format('%016d', seq) .. '|' .. id
redis.call('HSET', k, 'p', ARGV[3], 'pr', ARGV[4], 'da', ARGV[5], 'mx', ARGV[7], 'at', 0, 'g', ARGV[8],
  'n', ARGV[9], 'mb', member, 'av', ARGV[6], 'st', 'r')
fam_add(P .. ':r', ARGV[4], ARGV[6], member)
redis.call('INCR', P .. ':n')
return 1
