/**
 * Several processes, one Nintendo account: a presence bot sharded over four processes that
 * share one Redis scope (`extralife/redis`).
 *
 * The bot's web API token expires while every shard is busy; each shard's 20 calls are rejected
 * with the same token, yet refreshToken runs once for the whole bot: one shard renews, and the
 * others receive the new token through Redis, though their own getToken still gives the old one.
 *
 * The program starts what it needs on 127.0.0.1: a fake Coral with an account service, and a
 * redis-server of its own (Debian's `redis-server`; set REDIS_URL to use another Redis instead).
 * Without either, it says so and stops.
 *
 * Run: node examples/shards.ts
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient as createRedisClient } from 'redis';
import { createClient } from 'extralife';
import { createRedisScope } from 'extralife/redis';
import { expiringToken, serviceSuccess, startLoopbackServer } from 'extralife/testing';

const SHARDS = 4;
const CALLS_PER_SHARD = 20;

/** What one shard tells the bot's main process. */
interface ShardReport {
  readonly shard: number;
  readonly ok: number;
  readonly refreshes: number;
}

/** One shard: its own Redis connection and scope, its own Coral client, the same account. */
async function shard(index: number, coralUrl: string, redisUrl: string): Promise<void> {
  const redis = await createRedisClient({ url: redisUrl }).on('error', () => undefined).connect();
  const scope = await createRedisScope({ client: redis, prefix: 'presence-bot:', onEvent: (event) => { console.log(`shard ${String(index)}: Redis ${event.type}`); } });
  let refreshes = 0;
  const coral = createClient({
    service: 'coral',
    prefix: coralUrl,
    scope,
    auth: {
      // Every shard read the token at start: it never learns the new one by itself.
      getToken: () => 'token-1',
      refreshToken: async () => {
        refreshes += 1;
        const answer = await fetch(`${coralUrl}/account/token`, { method: 'POST' });
        const { result } = await answer.json() as { result: { accessToken: string } };
        return result.accessToken;
      },
    },
  });
  const results = await Promise.all(Array.from({ length: CALLS_PER_SHARD }, () => coral.post('v3/Friend/List').json()));
  const report: ShardReport = { shard: index, ok: results.filter((result) => result.isOk()).length, refreshes };
  process.send?.(report);
  await scope.close();
  await redis.close();
}

/** A port nobody listens on, on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0); });
    });
  });
}

/** A redis-server of the example's own, with no persistence files; undefined where none can be started. */
async function ownRedis(): Promise<{ url: string; stop: () => void } | undefined> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'shards-redis-'));
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${String(port)}`;
  const stop = (): void => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready once a client gets in.
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const probe = createRedisClient({ url, socket: { reconnectStrategy: false } }).on('error', () => undefined);
    try {
      await probe.connect();
      await probe.close();
      return { url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  stop();
  return undefined;
}

/** What the bot saw: each shard's calls, and how often the account's token was renewed. */
export interface ShardsOutcome {
  readonly shards: readonly ShardReport[];
  /** refreshToken calls the account service received, over every shard. */
  readonly renewals: number;
}

export async function main(): Promise<ShardsOutcome | 'skipped'> {
  const given = process.env['REDIS_URL'];
  const redis = given === undefined ? await ownRedis() : { url: given, stop: () => undefined };
  if (redis === undefined) {
    console.log('skipped: no redis-server could be started here (install Debian\'s redis-server, or set REDIS_URL)');
    return 'skipped';
  }
  // The account's token expired just before the shards start: only the renewed one is accepted.
  const live = new Set<string>();
  let renewals = 0;
  const api = expiringToken({ service: 'coral', validTokens: live }, () => serviceSuccess('coral', { friends: [] }));
  const coral = await startLoopbackServer((request) => {
    if (new URL(request.url).pathname !== '/account/token') return api(request);
    renewals += 1;
    const token = `token-${String(renewals + 1)}`;
    live.add(token);
    return serviceSuccess('coral', { accessToken: token });
  });
  try {
    const here = fileURLToPath(import.meta.url);
    const children: ChildProcess[] = [];
    const reports = await Promise.all(Array.from({ length: SHARDS }, (_, index) => new Promise<ShardReport>((resolve, reject) => {
      const child = fork(here, ['shard', String(index), coral.url, redis.url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push(child);
      child.once('message', (report: ShardReport) => { resolve(report); });
      child.once('exit', (code) => { reject(new Error(`shard ${String(index)} exited with ${String(code)} before reporting`)); });
    })));
    for (const report of reports) console.log(`shard ${String(report.shard)}: ${String(report.ok)} of ${String(CALLS_PER_SHARD)} calls answered, refreshToken called ${String(report.refreshes)} time(s)`);
    console.log(`refreshToken calls over ${String(SHARDS)} shards: ${String(renewals)}`);
    await Promise.all(children.map((child) => new Promise((resolve) => {
      if (child.exitCode !== null) resolve(undefined);
      else child.once('exit', resolve);
    })));
    return { shards: reports, renewals };
  } finally {
    await coral.close();
    redis.stop();
  }
}

if (import.meta.main) {
  const [role, index, coralUrl, redisUrl] = process.argv.slice(2);
  if (role === 'shard' && coralUrl !== undefined && redisUrl !== undefined) await shard(Number(index), coralUrl, redisUrl);
  else await main();
}
