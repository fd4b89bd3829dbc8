/**
 * The Redis scope's parts against a real redis-server, with two scopes on two connections standing
 * for two processes (the fleet tests use real processes). No wall clock: every wait is bounded
 * far above what it needs, and what is asserted is who did what, not how fast.
 */
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GameServiceError } from '../../src/core/error.ts';
import { asCode } from '../../src/core/codes.ts';
import { createCoralClient } from '../../src/services/coral/index.ts';
import { createRedisScope, type RedisScope, type RedisScopeEvent } from '../../src/redis/index.ts';
import type { RenewalOutcome } from '../../src/retry/scope.ts';
import { startRedis, type TestRedis } from './redis-server.ts';

let redis: TestRedis;
const clients: RedisClientType[] = [];
const scopes: RedisScope[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(scopes.map((scope) => scope.close()));
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  await redis.close();
});

async function connect(): Promise<RedisClientType> {
  const client: RedisClientType = createClient({ url: redis.url });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

/** Two scopes on one prefix, as two processes of one fleet would have. */
async function pair(options: Partial<Parameters<typeof createRedisScope>[0]> = {}): Promise<[RedisScope, RedisScope, string]> {
  prefixes += 1;
  const prefix = `test${String(prefixes)}:`;
  const made = await Promise.all([0, 1].map(async () => createRedisScope({ client: await connect(), prefix, ...options })));
  scopes.push(...made);
  return [made[0] as RedisScope, made[1] as RedisScope, prefix];
}

const maintenance = new GameServiceError({ service: 'coral', code: asCode('coral', '9511'), category: 'maintenance', retry: 'wait', description: 'Under maintenance.' });
const refusal = new GameServiceError({ service: 'coral', code: asCode('coral', '9403'), category: 'unauthenticated', retry: 'never', description: 'Invalid token.' });
const LONG = { signal: undefined, timeLeftMs: 60_000 } as const;

/** Waits for a condition that another connection makes true, bounded far above what it takes. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the maintenance gate through Redis', { timeout: 60_000 }, () => {
  it('closes in every process when one closes it, and keeps the wait and error', async () => {
    const [a, b] = await pair();
    await a.gate('coral https://api').close(60_000, maintenance);
    await until(() => !b.gate('coral https://api').isOpen);
    expect(b.gate('coral https://api').remaining()).toBeGreaterThan(50_000);
    // A call that cannot outlast the wait learns it at once, with the error another process met.
    await expect(b.gate('coral https://api').pass({ signal: undefined, timeLeftMs: 1_000 })).rejects.toMatchObject({ name: 'GateClosed', error: { code: '9511', category: 'maintenance' } });
    // Gates are per key: another service's stays open.
    expect(b.gate('lobby https://api').isOpen).toBe(true);
  });

  it('lets one call of all processes probe, and releases the others when it is answered', async () => {
    const [a, b] = await pair();
    await a.gate('k').close(1, maintenance);
    await until(() => !b.gate('k').isOpen);
    const passes = [a, b, a, b].map((scope, index) => scope.gate('k').pass(LONG).then((pass) => ({ index, pass })));
    const first = await Promise.race(passes);
    expect(first.pass).toBe('probe');
    const prober = first.index % 2 === 0 ? a : b;
    await prober.gate('k').report('answered');
    const all = await Promise.all(passes);
    expect(all.map(({ pass }) => pass).sort()).toEqual(['probe', 'released', 'released', 'released']);
    expect(a.gate('k').isOpen && b.gate('k').isOpen).toBe(true);
  });

  it('gives the probe to another process when the prober dies without a word (its lease ends)', async () => {
    const [a, b, prefix] = await pair({ probeLeaseMs: 300 });
    await a.gate('k').close(1, maintenance);
    const probeA = await a.gate('k').pass(LONG);
    expect(probeA).toBe('probe');
    // The prober dies: its keep-alive stops with the scope, and nobody reports.
    await a.close();
    const probeB = await b.gate('k').pass(LONG);
    expect(probeB).toBe('probe');
    const client = await connect();
    expect(await client.exists(`${prefix}gate:${await sha256('k')}:probe`)).toBe(1);
    await b.gate('k').report('answered');
    expect(await client.exists([`${prefix}gate:${await sha256('k')}`, `${prefix}gate:${await sha256('k')}:probe`])).toBe(0);
  });

  it('sends one probe for all processes when Redis lost the gate (restarted empty), not one per process', async () => {
    const [a, b, prefix] = await pair();
    await a.gate('k').close(300, maintenance);
    await until(() => !b.gate('k').isOpen);
    // What a restart without persistence leaves: nothing of the gate.
    const client = await connect();
    await client.del([`${prefix}gate:${await sha256('k')}`, `${prefix}gate:${await sha256('k')}:probe`]);
    const passes = [a, b, a, b].map((scope, index) => scope.gate('k').pass(LONG).then((pass) => ({ index, pass })));
    const first = await Promise.race(passes);
    expect(first.pass).toBe('probe');
    const prober = first.index % 2 === 0 ? a : b;
    // The others wait for its answer: the service has not said it is back.
    expect(a.gate('k').isOpen || b.gate('k').isOpen).toBe(false);
    await prober.gate('k').report('answered');
    const all = await Promise.all(passes);
    expect(all.map(({ pass }) => pass).sort()).toEqual(['probe', 'released', 'released', 'released']);
    // The opening is marked for the gate's linger: a process that missed the news is told it.
    expect(await client.exists(`${prefix}gate:${await sha256('k')}:opened`)).toBe(1);
    // A process starting now reads the gates Redis holds, and takes the mark for none.
    await a.gate('j').close(600_000, maintenance);
    const late = await createRedisScope({ client: await connect(), prefix });
    scopes.push(late);
    expect(late.gate('k').isOpen).toBe(true);
    expect(late.gate('j').isOpen).toBe(false);
  });

  it('gives back a probe lease won by an ask whose reply came too late, so that nobody waits on it', async () => {
    prefixes += 1;
    const prefix = `lost-reply${String(prefixes)}:`;
    const scope = await createRedisScope({ client: await connect(), prefix, commandTimeoutMs: 200, probeLeaseMs: 600_000 });
    scopes.push(scope);
    // Redis knows the scripts already, as it does after the first gate of a run.
    await scope.gate('warm').close(1, maintenance);
    expect(await scope.gate('warm').pass(LONG)).toBe('probe');
    await scope.gate('warm').report('answered');
    await scope.gate('k').close(20, maintenance);
    await until(() => scope.gate('k').remaining() === 0);
    // Redis stops while the ask for the lease is on its way: the ask times out, this process
    // probes for itself, and Redis runs the ask once it goes on.
    redis.freeze();
    try {
      expect(await scope.gate('k').pass(LONG)).toBe('probe');
    } finally {
      redis.thaw();
    }
    const client = await connect();
    const lease = `${prefix}gate:${await sha256('k')}:probe`;
    let held = 1;
    await until(() => {
      void client.exists(lease).then((count) => {
        held = count;
      });
      return held === 0;
    });
    expect(held).toBe(0);
  });

  it('is read from Redis by a process that starts while it is closed', async () => {
    const [a, , prefix] = await pair();
    await a.gate('coral https://api').close(600_000, maintenance);
    const late = await createRedisScope({ client: await connect(), prefix });
    scopes.push(late);
    expect(late.gate('coral https://api').isOpen).toBe(false);
    expect(late.gate('coral https://api').remaining()).toBeGreaterThan(500_000);
    // Stored for the wait and then the linger, under the gate's digest.
    const ttl = await (await connect()).pTTL(`${prefix}gate:${await sha256('coral https://api')}`);
    expect(ttl).toBeGreaterThan(600_000);
    expect(ttl).toBeLessThanOrEqual(600_000 + 300_000);
  });
});

describe('rate-limit pauses through Redis', { timeout: 60_000 }, () => {
  it('pauses the bucket in every process until the wait one learnt, and only that bucket', async () => {
    const [a, b, prefix] = await pair();
    expect(b.pauses.active).toBe(false);
    await a.pauses.pause('coral POST https://api/v3/Friend/List', 30_000, maintenance);
    await until(() => b.pauses.remaining('coral POST https://api/v3/Friend/List') > 0);
    expect(b.pauses.remaining('coral POST https://api/v3/Friend/List')).toBeGreaterThan(20_000);
    expect(b.pauses.remaining('coral POST https://api/v3/Game/ListWebServices')).toBe(0);
    expect(b.pauses.reason('coral POST https://api/v3/Friend/List')?.code).toBe('9511');
    // A shorter wait learnt later does not shorten it.
    await b.pauses.pause('coral POST https://api/v3/Friend/List', 10, maintenance);
    expect(b.pauses.remaining('coral POST https://api/v3/Friend/List')).toBeGreaterThan(20_000);
    // Stored under the bucket's digest until the pause ends.
    const client = await connect();
    const key = `${prefix}pause:${await sha256('coral POST https://api/v3/Friend/List')}`;
    expect(await client.pTTL(key)).toBeGreaterThan(20_000);
    expect(await client.pTTL(key)).toBeLessThanOrEqual(30_000);
  });
});

describe('errors through Redis', { timeout: 60_000 }, () => {
  it('travel as what they mean; details JSON cannot carry are left behind, and pause() does not throw', async () => {
    const [a, b] = await pair();
    const odd = new GameServiceError({ service: 'lobby', code: asCode('lobby', '50'), category: 'rate-limited', retry: 'wait', description: 'Too many requests.', status: 429, retryAfterMs: 30_000, details: { requestId: 'r-1' } });
    // A field JSON.stringify refuses, as a hostile answer might leave behind.
    Object.defineProperty(odd, 'details', { value: { count: 1n } });
    expect(() => { void a.pauses.pause('lobby bucket', 30_000, odd); }).not.toThrow();
    await until(() => b.pauses.remaining('lobby bucket') > 0);
    expect(b.pauses.reason('lobby bucket')).toMatchObject({ service: 'lobby', code: '50', category: 'rate-limited', retry: 'wait', status: 429, retryAfterMs: 30_000, description: 'Too many requests.' });
    expect(b.pauses.reason('lobby bucket')?.details).toBeUndefined();
    expect(b.pauses.reason('lobby bucket')).toBeInstanceOf(GameServiceError);
  });
});

describe('token renewals through Redis', { timeout: 60_000 }, () => {
  it('renews a rejected token once for every call of every process, and tells each the new token', async () => {
    const [a, b] = await pair();
    let runs = 0;
    const run = async (): Promise<RenewalOutcome> => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { kind: 'renewed', token: 'fresh' };
    };
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? a : b).renewals.renew('stale', run, LONG)));
    expect(runs).toBe(1);
    expect(outcomes.every((outcome) => outcome !== 'late' && outcome.kind === 'renewed' && outcome.token === 'fresh')).toBe(true);
    // Both follow the old token to the new one, whatever getToken still says.
    expect(a.renewals.renewedTo('stale')).toBe('fresh');
    expect(b.renewals.renewedTo('stale')).toBe('fresh');
    expect(a.renewals.renewedTo('fresh')).toBeUndefined();
  });

  it('tells a process that did not wait: the renewed token reaches its local view', async () => {
    const [a, b] = await pair();
    await a.renewals.renew('old', () => Promise.resolve({ kind: 'renewed', token: 'new' }), LONG);
    await until(() => b.renewals.renewedTo('old') === 'new');
  });

  it('ends every waiting call of every process with the refusal when the renewal is refused', async () => {
    const [a, b] = await pair();
    let runs = 0;
    const run = async (): Promise<RenewalOutcome> => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { kind: 'refused', error: refusal };
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).renewals.renew('revoked', run, LONG)));
    expect(runs).toBe(1);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: 'refused', error: { category: 'unauthenticated', code: '9403' } });
    expect(b.renewals.refusal('revoked')?.category).toBe('unauthenticated');
  });

  it('stores neither token in a key name, and keeps the outcome only for its TTL', async () => {
    const [a, , prefix] = await pair({ renewalOutcomeTtlMs: 5_000 });
    await a.renewals.renew('secret-old-token', () => Promise.resolve({ kind: 'renewed', token: 'secret-new-token' }), LONG);
    const client = await connect();
    const keys = await client.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toMatch(/secret/);
    const outcome = `${prefix}renewed:${await sha256('secret-old-token')}`;
    expect(keys).toContain(outcome);
    expect(await client.pTTL(outcome)).toBeGreaterThan(0);
    expect(await client.pTTL(outcome)).toBeLessThanOrEqual(5_000);
    // The lease went with the renewal.
    expect(await client.exists(`${prefix}renewal:${await sha256('secret-old-token')}`)).toBe(0);
  });

  it('hands the renewal to another process once a dead renewer\'s lease ends', async () => {
    const [a, b] = await pair({ renewalLeaseMs: 300 });
    let aStarted = false;
    const gaveUp = new AbortController();
    // A's renewal never ends, and A stops keeping its lease alive: as a killed process would.
    const stuck = a.renewals.renew('dead', () => {
      aStarted = true;
      return new Promise<RenewalOutcome>(() => undefined);
    }, { signal: gaveUp.signal, timeLeftMs: 60_000 }).catch(() => 'aborted');
    await until(() => aStarted);
    gaveUp.abort();
    expect(await stuck).toBe('aborted');
    await a.close();
    let bRuns = 0;
    const outcome = await b.renewals.renew('dead', () => {
      bRuns += 1;
      return Promise.resolve({ kind: 'renewed', token: 'alive' });
    }, LONG);
    expect(bRuns).toBe(1);
    expect(outcome).toEqual({ kind: 'renewed', token: 'alive' });
  });
});

describe('the shared budget', { timeout: 60_000 }, () => {
  it('is one bucket for every process when shared', async () => {
    const [a, b, prefix] = await pair({ budget: { shared: true, capacity: 20, retryCost: 5 } });
    const taken = [await a.budget.take(5), await b.budget.take(5), await a.budget.take(5), await b.budget.take(5), await a.budget.take(5)];
    expect(taken).toEqual([true, true, true, true, false]);
    // Successes in a process that drew on it give back, batched: the bucket fills again.
    for (let success = 0; success < 10; success += 1) a.budget.refund(0);
    const client = await connect();
    const deadline = performance.now() + 30_000;
    while (Number(await client.get(`${prefix}budget`)) < 10 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await b.budget.take(5)).toBe(true);
    expect(await b.budget.take(5)).toBe(true);
    expect(await b.budget.take(5)).toBe(false);
  });

  it('is each process\'s own without `shared`', async () => {
    const [a, b] = await pair({ budget: { capacity: 10, retryCost: 5 } });
    const taken = [await a.budget.take(5), await a.budget.take(5), await a.budget.take(5), await b.budget.take(5)];
    expect(taken).toEqual([true, true, false, true]);
  });
});

describe('the success path', { timeout: 60_000 }, () => {
  /** Commands Redis has processed, by name, but for INFO: what the counting itself sends. */
  async function commandCounts(counter: RedisClientType): Promise<Map<string, number>> {
    const info = await counter.info('commandstats');
    const counts = new Map<string, number>();
    for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (name !== 'info') counts.set(name ?? '', Number(calls));
    return counts;
  }

  it('sends nothing to Redis when no gate is closed and no pause known, with auth and a shared budget', async () => {
    const [scope] = await pair({ budget: { shared: true } });
    const ok = (): Promise<Response> => Promise.resolve(new Response(JSON.stringify({ status: 0, result: { friends: [] } }), { status: 200, headers: { 'content-type': 'application/json' } }));
    const coral = createCoralClient({ prefix: 'https://api-lp1.znc.srv.nintendo.net/v3', fetch: ok, scope, auth: { getToken: () => 'token-1', refreshToken: () => Promise.resolve('token-2') } });
    const counter = await connect();
    const before = await commandCounts(counter);
    const results = await Promise.all(Array.from({ length: 200 }, () => coral.post('Friend/List').json()));
    expect(results.every((result) => result.isOk())).toBe(true);
    // Past the shared budget's batching interval, too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await commandCounts(counter)).toEqual(before);
  });
});

describe('when Redis goes away', { timeout: 60_000 }, () => {
  it('answers from local state, says so, and shares again when Redis is back', async () => {
    const events: RedisScopeEvent['type'][] = [];
    const client = await connect();
    prefixes += 1;
    const scope = await createRedisScope({ client, prefix: `down${String(prefixes)}:`, commandTimeoutMs: 200, onEvent: (event) => events.push(event.type) });
    scopes.push(scope);
    await redis.stop();
    // A gate still closes and a pause still holds, in this process.
    await scope.gate('k').close(60_000, maintenance);
    await scope.pauses.pause('bucket', 60_000, maintenance);
    expect(scope.gate('k').isOpen).toBe(false);
    expect(scope.pauses.remaining('bucket')).toBeGreaterThan(0);
    // A renewal runs here, once for this process's calls.
    let runs = 0;
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => scope.renewals.renew('t', () => {
      runs += 1;
      return Promise.resolve({ kind: 'renewed', token: 'u' } as const);
    }, LONG)));
    expect(runs).toBe(1);
    expect(outcomes.every((outcome) => outcome !== 'late' && outcome.kind === 'renewed')).toBe(true);
    expect(events).toContain('unavailable');
    expect(scope.shared).toBe(false);
    await redis.restart();
    await until(() => client.isReady);
    // The next command that goes through tells it.
    await until(() => {
      void scope.pauses.pause('another', 1_000, maintenance);
      return events.at(-1) === 'available';
    });
    expect(events).toEqual(['unavailable', 'available']);
  });
});

describe('when Redis hangs', { timeout: 60_000 }, () => {
  it('gives up on each command after commandTimeoutMs: a renewal, a gate and a pause go on with local state', async () => {
    const events: RedisScopeEvent['type'][] = [];
    prefixes += 1;
    const scope = await createRedisScope({ client: await connect(), prefix: `hung${String(prefixes)}:`, commandTimeoutMs: 200, onEvent: (event) => events.push(event.type) });
    scopes.push(scope);
    redis.freeze();
    try {
      let runs = 0;
      const outcome = await scope.renewals.renew('t', () => {
        runs += 1;
        return Promise.resolve({ kind: 'renewed', token: 'u' } as const);
      }, LONG);
      expect(outcome).toEqual({ kind: 'renewed', token: 'u' });
      expect(runs).toBe(1);
      expect(events).toEqual(['unavailable']);
      await scope.gate('k').close(60_000, maintenance);
      expect(scope.gate('k').isOpen).toBe(false);
      // The wait over, this process's own call probes.
      await scope.gate('j').close(1, maintenance);
      expect(await scope.gate('j').pass(LONG)).toBe('probe');
    } finally {
      redis.thaw();
    }
  });
});

describe('createRedisScope', { timeout: 60_000 }, () => {
  it('refuses what is not a connected node-redis client with a TypeError', async () => {
    await expect(createRedisScope({ client: {} as never })).rejects.toThrow(TypeError);
    await expect(createRedisScope({ client: createClient({ url: redis.url }) })).rejects.toThrow(/not connected/);
    await expect(createRedisScope({ client: await connect(), renewalLeaseMs: 0 })).rejects.toThrow(/renewalLeaseMs/);
    await expect(createRedisScope({ client: await connect(), prefix: 5 as never })).rejects.toThrow(/prefix/);
  });
});

async function sha256(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
