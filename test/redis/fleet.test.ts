/**
 * Real processes sharing one Redis scope: six children (each a Coral client with its own scope
 * object, on its own connection) against one fake Coral on 127.0.0.1, and one redis-server the
 * test starts. Each scenario runs with the Redis scope and, for comparison, with each process's
 * in-memory scope. Nothing here measures time: counts and settlement are asserted, and every
 * wait is bounded far above what it needs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maintenanceWindow, serviceError, serviceSuccess } from '../../src/testing/index.ts';
import { FakeCoral } from './fleet/fake-coral.ts';
import { startFleet, stopFleet, total, type FleetWorker } from './fleet/fleet.ts';
import type { WorkerConfig } from './fleet/protocol.ts';
import { startRedis, type TestRedis } from './redis-server.ts';

const PROCESSES = 6;
const CALLS = 50;
const TIMEOUT = { timeout: 180_000 };

let redis: TestRedis;
let fake: FakeCoral;
let fleet: FleetWorker[] = [];
let runs = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.close();
});
afterEach(async () => {
  const held = await stopFleet(fleet);
  fleet = [];
  await fake.close();
  // scope.close() and the client's close() let each process exit by itself.
  expect(held).toEqual([]);
});

type Sharing = 'redis' | 'memory';

/** A fresh fake and a fleet on a prefix of its own: no scenario sees another's keys. */
async function fleetOf(sharing: Sharing, options: Partial<WorkerConfig> = {}, processes = PROCESSES): Promise<FleetWorker[]> {
  fake = new FakeCoral();
  await fake.start();
  runs += 1;
  const prefix = `fleet${String(runs)}:`;
  fleet = await startFleet(processes, (id) => ({
    id,
    serviceUrl: fake.url,
    redisUrl: sharing === 'redis' ? redis.url : undefined,
    prefix,
    token: 'stale',
    ...options,
  }));
  return fleet;
}

function report(scenario: string, figures: Record<string, unknown>): void {
  console.log(`fleet figures: ${scenario}: ${JSON.stringify(figures)}`);
}

describe(`${String(PROCESSES)} processes × ${String(CALLS)} concurrent calls rejected with the same token`, () => {
  it('with the Redis scope: exactly one refreshToken; every call succeeds with the new token, though getToken still gives the old one', TIMEOUT, async () => {
    const workers = await fleetOf('redis');
    const figures = await Promise.all(workers.map((worker) => worker.calls(CALLS, 'v3/Friend/List')));
    const sum = total(figures);
    report('renewal, redis', { refreshTokenCalls: fake.refreshes.length, redisEvents: workers.flatMap((worker) => worker.redisEvents), settled: sum.settled, ok: sum.ok, errors: sum.errors });
    expect(fake.refreshes).toHaveLength(1);
    expect(workers.reduce((count, worker) => count + worker.refreshing, 0)).toBe(1);
    expect(sum).toEqual({ settled: PROCESSES * CALLS, ok: PROCESSES * CALLS, errors: {} });
    // Every call was retried with the fresh token, in every process.
    expect(fake.calls.filter((call) => call.token === 'fresh')).toHaveLength(PROCESSES * CALLS);
    // A second round: the processes send the fresh token at once, no renewal.
    const again = total(await Promise.all(workers.map((worker) => worker.calls(5, 'v3/Friend/List'))));
    expect(again.ok).toBe(PROCESSES * 5);
    expect(fake.refreshes).toHaveLength(1);
  });

  it('with in-memory scopes: one refreshToken per process', TIMEOUT, async () => {
    const workers = await fleetOf('memory');
    const sum = total(await Promise.all(workers.map((worker) => worker.calls(CALLS, 'v3/Friend/List'))));
    report('renewal, memory', { refreshTokenCalls: fake.refreshes.length, settled: sum.settled, ok: sum.ok });
    expect(fake.refreshes).toHaveLength(PROCESSES);
    expect(sum.settled).toBe(PROCESSES * CALLS);
  });

  it('with the Redis scope, a refused renewal ends every waiting call of every process as unauthenticated, after one refreshToken', TIMEOUT, async () => {
    const workers = await fleetOf('redis');
    fake.tokenMode = 'refuse';
    const sum = total(await Promise.all(workers.map((worker) => worker.calls(CALLS, 'v3/Friend/List'))));
    report('refused renewal, redis', { refreshTokenCalls: fake.refreshes.length, redisEvents: workers.flatMap((worker) => worker.redisEvents), settled: sum.settled, errors: sum.errors });
    expect(fake.refreshes).toHaveLength(1);
    expect(sum).toEqual({ settled: PROCESSES * CALLS, ok: 0, errors: { unauthenticated: PROCESSES * CALLS } });
  });
});

/** Waits until the fake has received `count` requests matching `which`. */
async function received(which: () => number, count: number): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (which() < count) {
    if (performance.now() > deadline) throw new Error(`the fake did not receive ${String(count)} requests`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a 3 s maintenance window (Retry-After: 1) met by one process, then 50 calls in each', () => {
  const WINDOW_MS = 3_000;
  const INTERVAL_MS = 1_000;

  async function run(sharing: Sharing): Promise<{ probes: number[]; alongside: number; settled: number; ok: number }> {
    const workers = await fleetOf(sharing, { token: 'fresh' });
    const end = Date.now() + WINDOW_MS;
    fake.api = maintenanceWindow({ service: 'coral', durationMs: WINDOW_MS, retryAfterSeconds: INTERVAL_MS / 1_000 });
    const [opener, ...others] = workers as [FleetWorker, ...FleetWorker[]];
    const first = opener.calls(1, 'v3/Friend/List');
    await received(() => fake.calls.length, 1);
    if (sharing === 'redis') for (const worker of others) expect(await worker.knows('gate')).toBe(true);
    const figures = await Promise.all([first, ...others.map((worker) => worker.calls(CALLS, 'v3/Friend/List'))]);
    const sum = total(figures);
    const during = fake.calls.filter((call) => call.at < end);
    return { probes: during.slice(1).map((call) => call.at), alongside: Math.max(0, ...during.slice(1).map((call) => call.alongside)), settled: sum.settled, ok: sum.ok };
  }

  it('with the Redis scope: one probe at a time, at most one per interval, across all processes; every call succeeds after', TIMEOUT, async () => {
    const { probes, alongside, settled, ok } = await run('redis');
    const gaps = probes.slice(1).map((at, index) => at - (probes[index] ?? 0));
    report('maintenance, redis', { probesDuringWindow: probes.length, smallestGapMs: Math.min(...gaps), settled, ok });
    expect(probes.length).toBeLessThanOrEqual(WINDOW_MS / INTERVAL_MS);
    expect(alongside).toBe(0);
    // Clocks of two processes and timer rounding: a few milliseconds of slack.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS - 50);
    expect({ settled, ok }).toEqual({ settled: (PROCESSES - 1) * CALLS + 1, ok: (PROCESSES - 1) * CALLS + 1 });
  });

  it('with in-memory scopes: every process meets the maintenance and probes for itself', TIMEOUT, async () => {
    const { probes, settled } = await run('memory');
    report('maintenance, memory', { probesDuringWindow: probes.length, settled });
    expect(probes.length).toBeGreaterThanOrEqual(PROCESSES - 1);
    expect(settled).toBe((PROCESSES - 1) * CALLS + 1);
  });
});

describe('a 429 with Retry-After: 2 met by one process, then 50 calls in each of the others', () => {
  async function run(sharing: Sharing): Promise<{ early: number; settled: number; ok: number }> {
    const workers = await fleetOf(sharing, { token: 'fresh' });
    let limited: number | undefined;
    fake.api = () => {
      if (limited !== undefined) return serviceSuccess('coral', { ok: true });
      limited = Date.now();
      return serviceError('coral', 'RATE_LIMIT_EXCEEDED', { retryAfter: 2 });
    };
    const [opener, ...others] = workers as [FleetWorker, ...FleetWorker[]];
    const first = opener.calls(1, 'v3/Friend/List');
    await received(() => fake.calls.length, 1);
    if (sharing === 'redis') for (const worker of others) expect(await worker.knows('pause')).toBe(true);
    const sum = total(await Promise.all([first, ...others.map((worker) => worker.calls(CALLS, 'v3/Friend/List'))]));
    const hintEnds = (limited ?? 0) + 2_000;
    const early = fake.calls.filter((call) => call.worker !== opener.id && call.at < hintEnds).length;
    return { early, settled: sum.settled, ok: sum.ok };
  }

  it('with the Redis scope: no other process sends to that bucket until the hint has passed', TIMEOUT, async () => {
    const { early, settled, ok } = await run('redis');
    report('rate limit, redis', { requestsDuringPause: early, settled, ok });
    expect(early).toBe(0);
    expect({ settled, ok }).toEqual({ settled: (PROCESSES - 1) * CALLS + 1, ok: (PROCESSES - 1) * CALLS + 1 });
  });

  it('with in-memory scopes: the other processes send at once', TIMEOUT, async () => {
    const { early, settled } = await run('memory');
    report('rate limit, memory', { requestsDuringPause: early, settled });
    expect(early).toBeGreaterThan(0);
    expect(settled).toBe((PROCESSES - 1) * CALLS + 1);
  });
});

describe('the renewing process killed (SIGKILL) mid-renewal', () => {
  const LEASE_MS = 2_000;

  async function run(sharing: Sharing): Promise<{ refreshes: number; leaseMs: number; settled: number; ok: number; survivors: number }> {
    const workers = await fleetOf(sharing, { renewalLeaseMs: LEASE_MS });
    fake.tokenMode = 'hang-first';
    const pending = workers.map((worker) => worker.calls(CALLS, 'v3/Friend/List').catch(() => undefined));
    await received(() => fake.refreshes.length, 1);
    const renewer = workers.find((worker) => worker.id === fake.refreshes[0]?.worker);
    if (renewer === undefined) throw new Error('no renewer');
    const killedAt = Date.now();
    await renewer.kill();
    const figures = (await Promise.all(pending)).filter((one) => one !== undefined);
    const sum = total(figures);
    const second = fake.refreshes[1];
    if (sharing === 'redis') expect(second?.worker).not.toBe(renewer.id);
    return { refreshes: fake.refreshes.length, leaseMs: second === undefined ? -1 : second.at - killedAt, settled: sum.settled, ok: sum.ok, survivors: figures.length };
  }

  it(`with the Redis scope: another process renews once the ${String(LEASE_MS)} ms lease has ended, and every call of the survivors settles`, TIMEOUT, async () => {
    const { refreshes, leaseMs, settled, ok, survivors } = await run('redis');
    report('killed renewer, redis', { refreshTokenCalls: refreshes, killToNextRenewalMs: leaseMs, settled, ok });
    expect(survivors).toBe(PROCESSES - 1);
    expect(refreshes).toBe(2);
    expect({ settled, ok }).toEqual({ settled: (PROCESSES - 1) * CALLS, ok: (PROCESSES - 1) * CALLS });
  });

  it('with in-memory scopes: each surviving process renews for itself', TIMEOUT, async () => {
    const { refreshes, settled, survivors } = await run('memory');
    report('killed renewer, memory', { refreshTokenCalls: refreshes, settled });
    expect(survivors).toBe(PROCESSES - 1);
    expect(refreshes).toBe(PROCESSES);
    expect(settled).toBe((PROCESSES - 1) * CALLS);
  });
});

describe('Redis stopped mid-run, then started again', () => {
  it('every call settles with each process\'s own state meanwhile, each process says so, and sharing resumes', TIMEOUT, async () => {
    const workers = await fleetOf('redis');
    // Shared: one renewal of the first token for everyone.
    const before = total(await Promise.all(workers.map((worker) => worker.calls(10, 'v3/Friend/List'))));
    expect(before.ok).toBe(PROCESSES * 10);
    expect(fake.refreshes).toHaveLength(1);

    // The token expires again, and Redis stops while the renewal is in flight.
    fake.valid = 'fresh-2';
    fake.tokenMode = 'hold';
    const pending = workers.map((worker) => worker.calls(CALLS, 'v3/Friend/List'));
    await received(() => fake.refreshes.length, 2);
    await redis.stop();
    fake.tokenMode = 'fresh';
    fake.release();
    const during = total(await Promise.all(pending));
    const refreshesWhileDown = fake.refreshes.length - 1;
    await Promise.all(workers.map((worker) => worker.told('unavailable')));

    // Redis is back, empty: once each process has heard from it, renewals are shared again.
    await redis.restart();
    await Promise.all(workers.map((worker) => worker.told('available')));
    fake.valid = 'fresh-3';
    const refreshesBefore = fake.refreshes.length;
    const after = total(await Promise.all(workers.map((worker) => worker.calls(10, 'v3/Friend/List'))));
    report('redis stopped mid-run', { settledWhileDown: during.settled, okWhileDown: during.ok, refreshTokenCallsWhileDown: refreshesWhileDown, refreshTokenCallsAfterRestart: fake.refreshes.length - refreshesBefore, events: workers.map((worker) => worker.redisEvents.join(',')) });
    expect(during).toEqual({ settled: PROCESSES * CALLS, ok: PROCESSES * CALLS, errors: {} });
    // Local behaviour: at most one renewal per process.
    expect(refreshesWhileDown).toBeGreaterThanOrEqual(1);
    expect(refreshesWhileDown).toBeLessThanOrEqual(PROCESSES);
    expect(after.ok).toBe(PROCESSES * 10);
    expect(fake.refreshes.length - refreshesBefore).toBe(1);
  });
});

describe('every process restarted while a long maintenance gate is closed (Retry-After: 3600)', () => {
  async function run(sharing: Sharing): Promise<{ before: number; afterRestart: number; settled: number; maintenance: number }> {
    const first = await fleetOf(sharing, { token: 'fresh' });
    fake.api = maintenanceWindow({ service: 'coral', durationMs: 3_600_000, retryAfterSeconds: 3_600 });
    const opened = total(await Promise.all(first.map((worker) => worker.calls(1, 'v3/Friend/List'))));
    expect(opened.errors).toEqual({ maintenance: PROCESSES });
    const before = fake.calls.length;
    await Promise.all(first.map((worker) => worker.kill()));
    // A new fleet on the same prefix and fake.
    const prefix = `fleet${String(runs)}:`;
    fleet = await startFleet(PROCESSES, (id) => ({ id, serviceUrl: fake.url, redisUrl: sharing === 'redis' ? redis.url : undefined, prefix, token: 'fresh' }));
    const sum = total(await Promise.all(fleet.map((worker) => worker.calls(CALLS, 'v3/Friend/List'))));
    return { before, afterRestart: fake.calls.length - before, settled: sum.settled, maintenance: sum.errors['maintenance'] ?? 0 };
  }

  it('with the Redis scope: the gate is still closed, no request reaches the service, every call ends as maintenance at once', TIMEOUT, async () => {
    const { afterRestart, settled, maintenance } = await run('redis');
    report('long gate across restart, redis', { requestsAfterRestart: afterRestart, settled, maintenance });
    expect(afterRestart).toBe(0);
    expect({ settled, maintenance }).toEqual({ settled: PROCESSES * CALLS, maintenance: PROCESSES * CALLS });
  });

  it('with in-memory scopes: each new process asks the service again', TIMEOUT, async () => {
    const { afterRestart, settled } = await run('memory');
    report('long gate across restart, memory', { requestsAfterRestart: afterRestart, settled });
    expect(afterRestart).toBeGreaterThanOrEqual(PROCESSES);
    expect(settled).toBe(PROCESSES * CALLS);
  });
});
