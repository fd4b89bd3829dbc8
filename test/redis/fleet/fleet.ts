/**
 * A fleet of real child processes for the shared-scope tests: each runs `worker.ts` on the
 * project's Node (node_modules/.bin/node, Node 22, which runs the .ts files as they are) and
 * talks to the test over IPC. Nothing here measures time; every wait is bounded far above what
 * it should take.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallFigures, FromWorker, ToWorker, WorkerConfig } from './protocol.ts';

const WORKER = fileURLToPath(new URL('worker.ts', import.meta.url));
const PROJECT_NODE = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
/** Far above anything a step needs on a busy machine. */
export const STEP_TIMEOUT_MS = 60_000;

/** One child process of the fleet. */
export class FleetWorker {
  readonly id: number;
  readonly child: ChildProcess;
  /** Redis events the child told, in order. */
  readonly redisEvents: ('unavailable' | 'available')[] = [];
  /** How many times the child's refreshToken was entered. */
  refreshing = 0;
  readonly #messages: FromWorker[] = [];
  readonly #waiters: (() => void)[] = [];
  #exited = false;
  stderr = '';

  constructor(config: WorkerConfig) {
    this.id = config.id;
    this.child = fork(WORKER, [JSON.stringify(config)], {
      execPath: existsSync(PROJECT_NODE) ? PROJECT_NODE : process.execPath,
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { this.stderr += chunk; });
    this.child.on('message', (message: FromWorker) => {
      if (message.type === 'redis') this.redisEvents.push(message.event);
      else if (message.type === 'refreshing') this.refreshing += 1;
      else this.#messages.push(message);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.child.on('exit', () => {
      this.#exited = true;
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  get exited(): boolean {
    return this.#exited;
  }

  send(message: ToWorker): void {
    this.child.send(message);
  }

  /** The next message of that type (told since the last one taken), within the step timeout. */
  async next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    const deadline = performance.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const failed = this.#messages.find((message) => message.type === 'failed');
      if (failed?.type === 'failed') throw new Error(`worker ${String(this.id)} failed: ${failed.message}`);
      const index = this.#messages.findIndex((message) => message.type === type);
      if (index !== -1) return this.#messages.splice(index, 1)[0] as Extract<FromWorker, { type: T }>;
      if (this.#exited) throw new Error(`worker ${String(this.id)} exited before '${type}': ${this.stderr}`);
      if (performance.now() > deadline) throw new Error(`worker ${String(this.id)} sent no '${type}' within ${String(STEP_TIMEOUT_MS)} ms: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Runs `count` concurrent calls in the child and waits until every one settled. */
  async calls(count: number, path: string, tag = path): Promise<CallFigures> {
    this.send({ cmd: 'calls', count, path, tag });
    return (await this.next('settled')).figures;
  }

  /** Whether the child's scope came to know of a pause, or of its gate closed, within the step timeout. */
  async knows(what: 'pause' | 'gate'): Promise<boolean> {
    this.send({ cmd: 'await-known', what, withinMs: STEP_TIMEOUT_MS / 2 });
    return (await this.next('known')).known;
  }

  /** Waits until the child told a Redis event of this type. */
  async told(event: 'unavailable' | 'available'): Promise<void> {
    const deadline = performance.now() + STEP_TIMEOUT_MS;
    while (!this.redisEvents.includes(event)) {
      if (this.#exited || performance.now() > deadline) throw new Error(`worker ${String(this.id)} did not tell '${event}': ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits until the child's refreshToken has been entered `times` times. */
  async refreshed(times = 1): Promise<void> {
    const deadline = performance.now() + STEP_TIMEOUT_MS;
    while (this.refreshing < times) {
      if (this.#exited || performance.now() > deadline) throw new Error(`worker ${String(this.id)} did not refresh: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** True when the child did not exit by itself after closing its scope and client, and was killed. */
  forced = false;

  /** Closes the child's scope and lets it exit; kills it if it does not. */
  async exit(): Promise<void> {
    if (this.#exited) return;
    const gone = new Promise<void>((resolve) => { this.child.once('exit', () => { resolve(); }); });
    try {
      this.send({ cmd: 'exit' });
    } catch {
      // The channel is already closed.
    }
    const timer = setTimeout(() => {
      this.forced = true;
      this.child.kill('SIGKILL');
    }, STEP_TIMEOUT_MS);
    await gone;
    clearTimeout(timer);
  }

  /** SIGKILL: the process dies mid-whatever, as a crashed shard does. */
  async kill(): Promise<void> {
    if (this.#exited) return;
    const gone = new Promise<void>((resolve) => { this.child.once('exit', () => { resolve(); }); });
    this.child.kill('SIGKILL');
    await gone;
  }
}

/** Starts `count` children and waits until each has its scope. */
export async function startFleet(count: number, config: (id: number) => WorkerConfig): Promise<FleetWorker[]> {
  const workers = Array.from({ length: count }, (_, id) => new FleetWorker(config(id)));
  try {
    await Promise.all(workers.map((worker) => worker.next('ready')));
  } catch (error) {
    await stopFleet(workers);
    throw error;
  }
  return workers;
}

/** Lets every child exit; answers which had to be killed, as something they held kept them alive. */
export async function stopFleet(workers: readonly FleetWorker[]): Promise<number[]> {
  await Promise.all(workers.map((worker) => worker.exit()));
  return workers.filter((worker) => worker.forced).map((worker) => worker.id);
}

/** Sums the figures of several children. */
export function total(figures: readonly CallFigures[]): { settled: number; ok: number; errors: Record<string, number> } {
  const errors: Record<string, number> = {};
  let settled = 0;
  let ok = 0;
  for (const one of figures) {
    settled += one.settled;
    ok += one.ok;
    for (const [category, count] of Object.entries(one.errors)) errors[category] = (errors[category] ?? 0) + count;
  }
  return { settled, ok, errors };
}
