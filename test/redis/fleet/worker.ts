/**
 * One process of a fleet: a Coral client against the test's fake service, sharing a Redis scope
 * (or with a scope of its own), that runs the calls the test asks for and says how they ended.
 */
import { createClient as createRedisClient } from 'redis';
import { createClient } from '../../../src/create-client.ts';
import { createRetryScope, type RetryScope } from '../../../src/retry/scope.ts';
import { createRedisScope } from '../../../src/redis/index.ts';
import type { CallFigures, FromWorker, ToWorker, WorkerConfig } from './protocol.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;

function tell(message: FromWorker): void {
  process.send?.(message);
}

const redis = config.redisUrl === undefined ? undefined : createRedisClient({ url: config.redisUrl });
// The fleet test stops Redis on purpose: the client's errors are expected, and reconnecting is its job.
redis?.on('error', () => undefined);
if (redis !== undefined) await redis.connect();
const scope: RetryScope = redis === undefined
  ? createRetryScope()
  : await createRedisScope({
    client: redis,
    prefix: config.prefix,
    renewalLeaseMs: config.renewalLeaseMs,
    commandTimeoutMs: config.commandTimeoutMs ?? 10_000,
    onEvent: (event) => { tell({ type: 'redis', event: event.type }); },
  });

const workerHeader = { 'x-worker': String(config.id) };
const tokens = createClient({ service: 'coral', prefix: config.serviceUrl, headers: workerHeader, retry: { limit: 0 } });

const coral = createClient({
  service: 'coral',
  prefix: config.serviceUrl,
  headers: workerHeader,
  retry: config.retry,
  scope,
  auth: {
    getToken: () => config.token,
    refreshToken: async () => {
      tell({ type: 'refreshing' });
      const fresh = await tokens.post('token').json<{ accessToken: string }>();
      if (fresh.isErr()) throw fresh.error;
      return fresh.value.accessToken;
    },
  },
});

async function calls(count: number, path: string, tag: string): Promise<CallFigures> {
  const errors: Record<string, number> = {};
  let ok = 0;
  let settled = 0;
  await Promise.all(Array.from({ length: count }, async () => {
    const result = await coral.post(path).json();
    settled += 1;
    if (result.isOk()) ok += 1;
    else errors[result.error.category] = (errors[result.error.category] ?? 0) + 1;
  }));
  return { tag, settled, ok, errors };
}

/** The gate of this client: one per service and address. */
const gateKey = `coral ${config.serviceUrl}`;

async function awaitKnown(what: 'pause' | 'gate', withinMs: number): Promise<boolean> {
  const until = performance.now() + withinMs;
  while (performance.now() < until) {
    if (what === 'pause' ? scope.pauses.active : !scope.gate(gateKey).isOpen) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

process.on('message', (message: ToWorker) => {
  const run = async (): Promise<void> => {
    if (message.cmd === 'calls') tell({ type: 'settled', figures: await calls(message.count, message.path, message.tag) });
    else if (message.cmd === 'await-known') tell({ type: 'known', known: await awaitKnown(message.what, message.withinMs) });
    else {
      await scope.close();
      await redis?.close().catch(() => undefined);
      process.disconnect();
    }
  };
  run().catch((error: unknown) => { tell({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) }); });
});

tell({ type: 'ready' });
