-- Shared by every queue script (prepended to each). ARGV[1] is the key prefix; every key starts with it, and the
-- prefix holds a {hash tag} so that all keys of one queue live in one cluster slot.
--
-- Layout (P = prefix):
--   P:m:<id>         hash, one per queued, leased or dead message:
--                      p payload JSON, pr priority, da deliverAt (ISO text), mx max attempts, at attempts so far,
--                      g concurrency group ('' for none), n enqueue nonce, mb order member, av available-at (micros),
--                      st state (r ready, k parked, l leased, d dead), tk lease token, w worker,
--                      le last error, fa failed-at (ISO text)
--   P:r:p            zset of the priorities that have ready messages (score = priority)
--   P:r:<prio>       zset of ready messages of one priority: score = available-at micros, member = mb
--                      (zero-padded enqueue sequence, '|', id), so equal times keep enqueue order
--   P:l              zset of leased messages: score = lease expiry micros, member = id
--   P:d              zset of dead letters: score = failed-at micros, member = id
--   P:n              how many messages are queued or leased
--   P:seq            enqueue sequence
--   P:lim            hash: concurrency group -> limit
--   P:s:<group>      zset of the group's live leases (score = expiry micros, member = id): the group's semaphore
--   P:k:<group>:p, P:k:<group>:<prio>
--                    the group's parked messages (claimable but over the limit), laid out like P:r
--   P:epoch          names the server's current data set; a restart that lost the data loses it too, and the next
--                    script starts a new epoch (ARGV[2] is the candidate) and sets P:repair
--   P:repair         set when a new epoch began: the next claim takes it and its worker re-queues from the store
--
-- A lease token is '<epoch>/<random>'. A holder whose message vanished with a lost data set (or was re-queued by a
-- repair and is not leased to anyone) still holds it: its renew, ack or nack adopts or re-creates the message.
local P = ARGV[1]
local A = {}
for i = 3, #ARGV do
  A[i - 2] = ARGV[i]
end

local EPOCH = redis.call('GET', P .. ':epoch')
if not EPOCH then
  EPOCH = ARGV[2]
  redis.call('SET', P .. ':epoch', EPOCH)
  redis.call('SET', P .. ':repair', '1')
end

-- Whether a lease token may act on a message in state st (false: no message) holding token tk.
local function holds(token, tk, st)
  if tk == token then
    return true
  end
  local claimed_in = string.match(token, '^([^/]*)/')
  return claimed_in ~= nil and claimed_in ~= EPOCH and st ~= 'l' and st ~= 'd'
end

local function mkey(id)
  return P .. ':m:' .. id
end

-- A family is a set of priority levels, each a zset ordered by available-at then enqueue order.
local function fam_add(fam, prio, score, member)
  redis.call('ZADD', fam .. ':p', prio, prio)
  redis.call('ZADD', fam .. ':' .. prio, score, member)
end

local function fam_rem(fam, prio, member)
  local k = fam .. ':' .. prio
  redis.call('ZREM', k, member)
  if redis.call('ZCARD', k) == 0 then
    redis.call('ZREM', fam .. ':p', prio)
  end
end

-- Takes the message out of the ready or parked set it is in (a leased or dead message is in neither).
local function unplace(st, g, prio, member)
  if st == 'r' then
    fam_rem(P .. ':r', prio, member)
  elseif st == 'k' then
    fam_rem(P .. ':k:' .. g, prio, member)
  end
end

-- The group's live leases, after dropping the expired ones.
local function live(g, now)
  local sk = P .. ':s:' .. g
  redis.call('ZREMRANGEBYSCORE', sk, '-inf', now)
  return redis.call('ZCARD', sk)
end

-- Moves up to n parked messages of the group (highest priority, then earliest) back to the ready sets.
local function unpark(g, n)
  local fam = P .. ':k:' .. g
  local moved = 0
  while moved < n do
    local prios = redis.call('ZREVRANGE', fam .. ':p', 0, 0)
    if #prios == 0 then
      return
    end
    local prio = prios[1]
    local members = redis.call('ZRANGE', fam .. ':' .. prio, 0, n - moved - 1, 'WITHSCORES')
    for i = 1, #members, 2 do
      local member = members[i]
      local id = string.sub(member, 18)
      fam_rem(fam, prio, member)
      fam_add(P .. ':r', prio, members[i + 1], member)
      redis.call('HSET', mkey(id), 'st', 'r')
      moved = moved + 1
    end
  end
end

-- A lease of the group ended (ack, nack, dead letter, expiry): frees its slot and lets parked messages compete.
local function release(g, id, now)
  if g == nil or g == false or g == '' then
    return
  end
  redis.call('ZREM', P .. ':s:' .. g, id)
  local limit = redis.call('HGET', P .. ':lim', g)
  if limit then
    local free = tonumber(limit) - live(g, now)
    if free > 0 then
      unpark(g, free)
    end
  else
    unpark(g, 1000000)
  end
end

-- Moves a message to the dead letters; the caller has taken it out of every other set.
local function bury(id, err, failed_text, failed_micros)
  redis.call('HSET', mkey(id), 'st', 'd', 'le', err, 'fa', failed_text)
  redis.call('HDEL', mkey(id), 'tk', 'w')
  redis.call('ZADD', P .. ':d', failed_micros, id)
  redis.call('DECR', P .. ':n')
end

-- Re-creates a message that a lost data set took away, from what its holder knows (A[m] .. A[m + 6]: payload,
-- priority, deliverAt text, deliverAt micros, max attempts, attempt, group), in state st.
local function recreate(id, m, st)
  local member = string.format('%016d', redis.call('INCR', P .. ':seq')) .. '|' .. id
  redis.call('HSET', mkey(id), 'p', A[m], 'pr', A[m + 1], 'da', A[m + 2], 'av', A[m + 3], 'mx', A[m + 4],
    'at', A[m + 5], 'g', A[m + 6], 'n', 'repair', 'mb', member, 'st', st)
  redis.call('INCR', P .. ':n')
  return member
end
