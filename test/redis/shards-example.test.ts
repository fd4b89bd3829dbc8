/**
 * examples/shards.ts run as a program, the way its header says: four processes share one Redis
 * scope against a fake Coral, and the expired token is renewed once for all of them.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redisServerBinary } from './redis-server.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const node = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));

describe('examples/shards.ts', () => {
  it('renews the token once for four shards, each of whose 20 calls is answered', { timeout: 180_000 }, async () => {
    // CI installs redis-server; the example itself skips with a message where there is none.
    expect(redisServerBinary(), 'redis-server is not installed: .ci/run installs it').toBeDefined();
    const { stdout, stderr } = await run(node, ['examples/shards.ts'], { cwd: root, timeout: 170_000 });
    expect(stderr).toBe('');
    for (const shard of [0, 1, 2, 3]) expect(stdout).toMatch(new RegExp(`^shard ${String(shard)}: 20 of 20 calls answered, refreshToken called [01] time\\(s\\)$`, 'm'));
    expect(stdout).toContain('refreshToken calls over 4 shards: 1\n');
    expect(stdout).not.toContain('Redis unavailable');
  });

  it('says it skipped, and why, where no redis-server can be started', { timeout: 120_000 }, async () => {
    const { stdout } = await run(node, ['examples/shards.ts'], { cwd: root, timeout: 110_000, env: { ...process.env, PATH: '/nonexistent' } });
    expect(stdout).toBe('skipped: no redis-server could be started here (install Debian\'s redis-server, or set REDIS_URL)\n');
  });
});
