-- A: now micros, now text, lease expiry micros, worker, max messages, then one random token part per message
-- Returns a flat list: the epoch, 1 when this claimer must repair the queue from the store (else 0), then six
-- entries per lease: id, payload, priority, deliverAt text, max attempts, attempt.
local now = tonumber(A[1])
local expires = A[3]
local worker = A[4]
local want = tonumber(A[5])

-- Expired leases first: back to the ready sets where they were (their holder may still renew, ack or nack until
-- someone claims them), or to the dead letters when that was their last attempt.
local expired = redis.call('ZRANGEBYSCORE', P .. ':l', '-inf', now, 'LIMIT', 0, 200)
for _, id in ipairs(expired) do
  local k = mkey(id)
  local f = redis.call('HMGET', k, 'at', 'mx', 'g', 'pr', 'av', 'mb', 'w')
  redis.call('ZREM', P .. ':l', id)
  if tonumber(f[1]) >= tonumber(f[2]) then
    bury(id, "the lease of worker '" .. tostring(f[7]) .. "' expired on attempt " .. f[1] .. ' of ' .. f[2],
      A[2], A[1])
  else
    redis.call('HSET', k, 'st', 'r')
    fam_add(P .. ':r', f[4], f[5], f[6])
  end
  release(f[3], id, now)
end

local out = {EPOCH, 0}
if redis.call('DEL', P .. ':repair') == 1 then
  out[2] = 1
end
local got = 0
local parked = 0
local limits = {}
local prios = redis.call('ZREVRANGE', P .. ':r:p', 0, -1)
for _, prio in ipairs(prios) do
  if got >= want or parked >= 1000 then
    break
  end
  local zk = P .. ':r:' .. prio
  while got < want and parked < 1000 do
    local members = redis.call('ZRANGEBYSCORE', zk, '-inf', now, 'LIMIT', 0, want - got)
    if #members == 0 then
      break
    end
    for _, member in ipairs(members) do
      local id = string.sub(member, 18)
      local k = mkey(id)
      local f = redis.call('HMGET', k, 'g', 'p', 'da', 'mx', 'av')
      local g = f[1]
      local full = false
      if g ~= '' then
        if limits[g] == nil then
          limits[g] = tonumber(redis.call('HGET', P .. ':lim', g) or -1)
        end
        full = limits[g] >= 0 and live(g, now) >= limits[g]
      end
      fam_rem(P .. ':r', prio, member)
      if full then
        fam_add(P .. ':k:' .. g, prio, f[5], member)
        redis.call('HSET', k, 'st', 'k')
        parked = parked + 1
      else
        local attempt = redis.call('HINCRBY', k, 'at', 1)
        got = got + 1
        redis.call('HSET', k, 'st', 'l', 'tk', EPOCH .. '/' .. A[5 + got], 'w', worker)
        redis.call('ZADD', P .. ':l', expires, id)
        if g ~= '' then
          redis.call('ZADD', P .. ':s:' .. g, expires, id)
        end
        out[#out + 1] = id
        out[#out + 1] = f[2]
        out[#out + 1] = prio
        out[#out + 1] = f[3]
        out[#out + 1] = f[4]
        out[#out + 1] = attempt
      end
    end
  end
end
return out
