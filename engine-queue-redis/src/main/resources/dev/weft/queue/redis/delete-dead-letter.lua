-- A: id
-- Returns 1, or 0 when there is no such dead letter.
local id = A[1]
if redis.call('HGET', mkey(id), 'st') ~= 'd' then
  return 0
end
redis.call('DEL', mkey(id))
redis.call('ZREM', P .. ':d', id)
return 1
