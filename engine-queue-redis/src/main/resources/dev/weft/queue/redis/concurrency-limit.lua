-- A: group, limit ('' to remove it), now micros
-- Sets a group's limit and lets as many parked messages compete as the new limit allows.
local g = A[1]
if A[2] == '' then
  redis.call('HDEL', P .. ':lim', g)
else
  redis.call('HSET', P .. ':lim', g, A[2])
end
release(g, '', tonumber(A[3]))
return 1
