/**
 * A real redis-server for the tests: Debian's binary on 127.0.0.1 with a free port, no
 * persistence files (no RDB snapshot, no AOF) and its working directory in a temporary folder
 * that is removed when it stops. A test may stop it and start it again mid-run on the same port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A redis-server the test owns. */
export interface TestRedis {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL if it lingers); its data is gone. */
  stop(): Promise<void>;
  /** Stops it answering without closing its connections (SIGSTOP): a Redis that hangs. */
  freeze(): void;
  /** Lets a frozen server go on (SIGCONT). */
  thaw(): void;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

/** The redis-server binary, or undefined when the machine has none (`.ci/run` installs it). */
export function redisServerBinary(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/** A port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => { resolve(port); });
    });
  });
}

const READY_WITHIN_MS = 20_000;

function launch(binary: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(binary, [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--protected-mode', 'yes',
    '--loglevel', 'warning',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not accept connections within ${String(READY_WITHIN_MS)} ms: ${output}`));
    }, READY_WITHIN_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`redis-server exited with ${String(code)}: ${output}`));
    });
    // Ready once it answers PING on its port.
    const poll = setInterval(() => {
      const ping = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { encoding: 'utf8', timeout: 2_000 });
      if (ping.stdout.trim() === 'PONG') {
        clearTimeout(timer);
        clearInterval(poll);
        child.removeAllListeners('exit');
        resolve(child);
      }
    }, 50);
  });
}

function terminate(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // A frozen server must be let go on to hear SIGTERM.
  child.kill('SIGCONT');
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts a redis-server for one test file. Throws when the machine has none. */
export async function startRedis(): Promise<TestRedis> {
  const binary = redisServerBinary();
  if (binary === undefined) throw new Error('redis-server is not installed: `.ci/run` installs Debian\'s redis-server package.');
  const dir = mkdtempSync(join(tmpdir(), 'extralife-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(binary, port, dir);
  return {
    port,
    url: `redis://127.0.0.1:${String(port)}`,
    async stop() {
      await terminate(child);
      child = undefined;
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    async restart() {
      await terminate(child);
      child = await launch(binary, port, dir);
    },
    async close() {
      await terminate(child);
      child = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
