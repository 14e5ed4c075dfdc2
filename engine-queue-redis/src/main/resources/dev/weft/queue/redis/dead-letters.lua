-- A: limit
-- Returns a flat list, eight entries per dead letter: id, payload, priority, deliverAt text, max attempts, attempts,
-- last error, failed-at text.
local out = {}
local ids = redis.call('ZRANGE', P .. ':d', 0, tonumber(A[1]) - 1)
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', mkey(id), 'p', 'pr', 'da', 'mx', 'at', 'le', 'fa')
  out[#out + 1] = id
  for i = 1, 7 do
    out[#out + 1] = f[i] or ''
  end
end
return out
