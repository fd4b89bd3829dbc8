/**
 * The Lua scripts the scope runs: each reads and writes one thing atomically, on Redis's own
 * clock (TIME), so that processes whose clocks differ agree on when a wait ends. Every script
 * that changes what processes share publishes it on the scope's channel.
 */

const NOW = `local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;

/**
 * Closes a gate. KEYS: gate, probe, opened. ARGV: gate key, wait ms, error, linger ms, channel, sender.
 * Never shortens a longer wait already stored; ends any probe and the mark of its last opening;
 * returns the wait in force.
 */
export const GATE_CLOSE = `${NOW}
local reopen = now + tonumber(ARGV[2])
local known = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if known > reopen then reopen = known end
redis.call('HSET', KEYS[1], 'key', ARGV[1], 'until', reopen, 'error', ARGV[3])
redis.call('PEXPIRE', KEYS[1], reopen - now + tonumber(ARGV[4]))
redis.call('DEL', KEYS[2], KEYS[3])
local wait = reopen - now
redis.call('PUBLISH', ARGV[5], cjson.encode({ t = 'gate-closed', k = ARGV[1], ms = wait, e = ARGV[3], f = ARGV[6] }))
return wait
`;

/**
 * Asks to be the gate's probe. KEYS: gate, probe, opened. ARGV: owner, lease ms, gate key, error,
 * linger ms. Returns {'open', 0} when the gate was opened (its probe answered), {'closed', ms}
 * while its wait lasts, {'probe', 0} when this owner now holds the probe lease (a lease it held
 * already, won by a reply it never got, is its own again), {'busy', ms} while another owner holds it.
 * A gate Redis has no record of, and no mark of its opening, was lost (Redis restarted empty, or
 * the record outlived its linger): it is stored again as the asking process knows it, its wait
 * over, so that one probe is sent, not one per process.
 */
export const GATE_PROBE = `${NOW}
local reopen = redis.call('HGET', KEYS[1], 'until')
if not reopen then
  if redis.call('EXISTS', KEYS[3]) == 1 then return { 'open', 0 } end
  redis.call('HSET', KEYS[1], 'key', ARGV[3], 'until', now, 'error', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[5]))
  reopen = now
end
reopen = tonumber(reopen)
if reopen > now then return { 'closed', reopen - now } end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return { 'probe', 0 } end
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return { 'probe', 0 }
end
return { 'busy', redis.call('PTTL', KEYS[2]) }
`;

/**
 * Reopens a gate: its probe was answered. KEYS: gate, probe, opened. ARGV: gate key, channel,
 * sender, linger ms. Marks the opening for the linger, so that a process still waiting, which
 * missed the news, is told the gate is open rather than taken for one whose gate Redis lost.
 */
export const GATE_OPEN = `
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[4])
redis.call('PUBLISH', ARGV[2], cjson.encode({ t = 'gate-open', k = ARGV[1], f = ARGV[3] }))
return 1
`;

/** Gives up the probe lease. KEYS: probe. ARGV: owner, gate key, channel, sender. */
export const PROBE_RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[3], cjson.encode({ t = 'probe-free', k = ARGV[2], f = ARGV[4] }))
return 1
`;

/** What a stored gate says now. KEYS: gate. Returns {key, ms left (0 once the probe is due), error} or nil. */
export const GATE_STATE = `${NOW}
local fields = redis.call('HMGET', KEYS[1], 'key', 'until', 'error')
if not fields[1] or not fields[2] then return nil end
local left = tonumber(fields[2]) - now
if left < 0 then left = 0 end
return { fields[1], left, fields[3] or '' }
`;

/** Keeps a lease alive while its owner holds it. KEYS: lease. ARGV: owner, ms. Returns 1 if still held. */
export const LEASE_KEEP = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

/**
 * Pauses a bucket. KEYS: pause. ARGV: bucket, wait ms, error, channel, sender.
 * Never shortens a longer pause; returns the pause in force.
 */
export const PAUSE = `${NOW}
local resume = now + tonumber(ARGV[2])
local known = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if known >= resume then return known - now end
redis.call('HSET', KEYS[1], 'bucket', ARGV[1], 'until', resume, 'error', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PUBLISH', ARGV[4], cjson.encode({ t = 'pause', b = ARGV[1], ms = tonumber(ARGV[2]), e = ARGV[3], f = ARGV[5] }))
return tonumber(ARGV[2])
`;

/** What a stored pause says now. KEYS: pause. Returns {bucket, ms left, error} or nil. */
export const PAUSE_STATE = `${NOW}
local fields = redis.call('HMGET', KEYS[1], 'bucket', 'until', 'error')
if not fields[1] or not fields[2] then return nil end
local left = tonumber(fields[2]) - now
if left <= 0 then return nil end
return { fields[1], left, fields[3] or '' }
`;

/**
 * Joins the renewal of a rejected token. KEYS: lease, outcome. ARGV: owner, lease ms.
 * Returns {'done', outcome} once it ended, {'lead', ''} when this owner now renews,
 * {'wait', ms} while another owner's lease lasts.
 */
export const RENEWAL_JOIN = `
local outcome = redis.call('GET', KEYS[2])
if outcome then return { 'done', outcome } end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return { 'lead', '' } end
return { 'wait', tostring(redis.call('PTTL', KEYS[1])) }
`;

/**
 * Ends a renewal. KEYS: lease, outcome. ARGV: owner, outcome, outcome ttl ms (0: not kept), channel, message.
 * The outcome is kept only as long as its TTL; the lease goes; every process hears it.
 */
export const RENEWAL_END = `
if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`;

/**
 * Takes from the shared budget. KEYS: budget. ARGV: capacity, cost, idle ttl ms.
 * An absent key is a full bucket. Returns 1 when taken, 0 when the bucket holds too little.
 */
export const BUDGET_TAKE = `
local available = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
local cost = tonumber(ARGV[2])
if available < cost then return 0 end
redis.call('SET', KEYS[1], available - cost, 'PX', ARGV[3])
return 1
`;

/** Gives back to the shared budget. KEYS: budget. ARGV: capacity, amount, idle ttl ms. Returns what it holds. */
export const BUDGET_REFUND = `
local capacity = tonumber(ARGV[1])
local available = tonumber(redis.call('GET', KEYS[1]) or ARGV[1]) + tonumber(ARGV[2])
if available >= capacity then
  redis.call('DEL', KEYS[1])
  return capacity
end
redis.call('SET', KEYS[1], available, 'PX', ARGV[3])
return available
`;
