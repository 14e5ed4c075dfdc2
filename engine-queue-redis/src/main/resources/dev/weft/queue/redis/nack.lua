-- ARGV: prefix, id, token, now micros, now text, available-again micros, error text
-- Returns 1 when the message is queued again, 2 when it went to the dead letters, 0 when the token is not current.
local id = ARGV[2]
local k = mkey(id)
local f = redis.call('HMGET', k, 'tk', 'st', 'g', 'pr', 'mb', 'at', 'mx')
if f[1] ~= ARGV[3] then
  return 0
end
unplace(f[2], f[3], f[4], f[5])
redis.call('ZREM', P .. ':l', id)
local result
if tonumber(f[6]) >= tonumber(f[7]) then
  bury(id, ARGV[7], ARGV[5], ARGV[4])
  result = 2
else
  redis.call('HSET', k, 'st', 'r', 'av', ARGV[6])
  redis.call('HDEL', k, 'tk', 'w')
  fam_add(P .. ':r', f[4], ARGV[6], f[5])
  result = 1
end
release(f[3], id, tonumber(ARGV[4]))
return result
