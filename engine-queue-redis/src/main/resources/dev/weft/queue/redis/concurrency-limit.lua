-- ARGV: prefix, group, limit ('' to remove it), now micros
-- Sets a group's limit and lets as many parked messages compete as the new limit allows.
local g = ARGV[2]
if ARGV[3] == '' then
  redis.call('HDEL', P .. ':lim', g)
else
  redis.call('HSET', P .. ':lim', g, ARGV[3])
end
release(g, '', tonumber(ARGV[4]))
return 1
