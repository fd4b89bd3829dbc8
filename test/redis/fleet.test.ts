/**
 * Real processes sharing one Redis scope: six children (each a Coral client with its own scope
 * object, on its own connection) against one fake Coral on 127.0.0.1, and one redis-server the
 * test starts. Each scenario runs with the Redis scope and, for comparison, with each process's
 * in-memory scope. Nothing here measures time: counts and settlement are asserted, and every
 * wait is bounded far above what it needs.
 */
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serviceError, serviceSuccess } from '../../src/testing/index.ts';
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
  await stopFleet(fleet);
  fleet = [];
  await fake.close();
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
