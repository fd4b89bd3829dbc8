import { createClient as createRedisClient } from 'redis';
import { afterAll, beforeAll, test } from 'vitest';
import { createClient } from '../src/create-client.ts';
import { createRedisScope, type RedisScope } from '../src/redis/index.ts';
import { createRetryScope } from '../src/retry/scope.ts';
import { withRetry } from '../src/with-retry.ts';
import { startRedis, type TestRedis } from '../test/redis/redis-server.ts';

/*
 * The success path's cost with the Redis scope, against the in-memory scope, in the same run
 * (`npm run bench -- bench/redis-scope.bench.ts`; needs Debian's redis-server). With no gate
 * closed and no pause known, a call through the Redis scope reads only its local view, so the
 * two should cost the same; the Redis server's command count before and after shows that no
 * command was sent. An in-process fetch is passed through ky's `fetch` option, so no socket is
 * measured.
 */

const BASE = 'https://api-lp1.znc.srv.nintendo.net/v3';
const FRIENDS = JSON.stringify({ status: 0, result: { friends: [{ name: 'Marina' }] }, correlationId: 'c-1' });
const ok = (): Promise<Response> => Promise.resolve(new Response(FRIENDS, { status: 200, headers: { 'content-type': 'application/json' } }));
const auth = { getToken: () => 'token-1', refreshToken: () => Promise.resolve('token-2') };

let redis: TestRedis;
let scope: RedisScope;
let close: () => Promise<void>;

beforeAll(async () => {
  redis = await startRedis();
  const client = await createRedisClient({ url: redis.url }).connect();
  scope = await createRedisScope({ client });
  close = async () => {
    await scope.close();
    await client.close();
    await redis.close();
  };
});
afterAll(async () => {
  await close();
});

/** Commands Redis has processed, but for INFO: what the counting itself sends. */
async function commandsProcessed(): Promise<number> {
  const probe = await createRedisClient({ url: redis.url }).connect();
  const info = await probe.info('commandstats');
  await probe.close();
  let count = 0;
  for (const [, name, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) if (name !== 'info' && name !== 'hello') count += Number(calls);
  return count;
}

function ratio(storage: { get(name: string): { latency: { p50?: number; mean: number } } }, measured: string, baseline: string): string {
  const a = storage.get(measured).latency;
  const b = storage.get(baseline).latency;
  return `${((a.p50 ?? a.mean) / (b.p50 ?? b.mean)).toFixed(3)} (median), ${(a.mean / b.mean).toFixed(3)} (mean)`;
}

test('success path of a client with auth: Redis scope / in-memory scope', async ({ bench }) => {
  const inMemory = createClient({ service: 'coral', prefix: BASE, fetch: ok, auth, scope: createRetryScope() });
  const shared = createClient({ service: 'coral', prefix: BASE, fetch: ok, auth, scope });
  // Both warmed up first, so that neither pays for the other's compilation.
  for (let round = 0; round < 2_000; round += 1) {
    await inMemory.post('Friend/List').json();
    await shared.post('Friend/List').json();
  }
  const before = await commandsProcessed();
  const result = await bench.compare(
    bench('in-memory scope', async () => {
      const outcome = await inMemory.post('Friend/List').json();
      if (outcome.isErr()) throw outcome.error;
    }),
    bench('Redis scope', async () => {
      const outcome = await shared.post('Friend/List').json();
      if (outcome.isErr()) throw outcome.error;
    }),
  );
  const sent = (await commandsProcessed()) - before;
  const calls = result.get('Redis scope').latency.samplesCount;
  console.log(`client success path: Redis scope / in-memory scope = ${ratio(result, 'Redis scope', 'in-memory scope')}; Redis commands the scope sent over ${String(calls)} calls: ${String(sent)}`);
});

test('success path of withRetry: Redis scope / in-memory scope', async ({ bench }) => {
  const inMemory = createRetryScope();
  for (let round = 0; round < 5_000; round += 1) {
    await withRetry(() => 1, { service: 'nex', scope: inMemory });
    await withRetry(() => 1, { service: 'nex', scope });
  }
  const result = await bench.compare(
    bench('in-memory scope', async () => {
      const outcome = await withRetry(() => 1, { service: 'nex', scope: inMemory });
      if (outcome.isErr()) throw outcome.error;
    }),
    bench('Redis scope', async () => {
      const outcome = await withRetry(() => 1, { service: 'nex', scope });
      if (outcome.isErr()) throw outcome.error;
    }),
  );
  console.log(`withRetry success path: Redis scope / in-memory scope = ${ratio(result, 'Redis scope', 'in-memory scope')}`);
});
