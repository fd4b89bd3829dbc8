import { createHash } from 'node:crypto';
import type { NodeRedisClient } from './client.ts';

/**
 * What the scope tells about its Redis:
 * - `unavailable`: a command failed or took longer than `commandTimeoutMs`; calls use this
 *   process's own state until Redis answers again;
 * - `available`: Redis answers again, and what the processes share is shared again.
 */
export type RedisScopeEvent =
  | { readonly type: 'unavailable'; readonly error: Error }
  | { readonly type: 'available' };

/** Why a command was not answered in time, or at all. */
export class RedisCommandFailed extends Error {
  override readonly name = 'RedisCommandFailed';
}

/** After a failure, commands are not even tried for this long: a dead Redis costs a call nothing. */
const QUIET_AFTER_FAILURE_MS = 1_000;

type Timer = ReturnType<typeof setTimeout>;

/**
 * The scope's one way to Redis: every command is bounded in time (a Redis that is slow, stopped or
 * unreachable never holds a call), and each failure or recovery is told once through `onEvent`.
 */
export class RedisLink {
  readonly #client: NodeRedisClient;
  readonly #timeoutMs: number;
  readonly #onEvent: (event: RedisScopeEvent) => void;
  readonly #scriptShas = new Map<string, string>();
  #healthy = true;
  #quietUntil = 0;
  #recovery: Timer | undefined;
  #closed = false;
  /** Runs when Redis answers again: the scope reads what it missed. */
  onRecovered: () => void = () => undefined;

  constructor(client: NodeRedisClient, timeoutMs: number, onEvent: (event: RedisScopeEvent) => void) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
    this.#onEvent = onEvent;
  }

  /** Stops asking whether Redis is back. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#recovery);
    this.#recovery = undefined;
  }

  /** True while the last command was answered. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Sends one command, answered within the timeout or rejected with a RedisCommandFailed. */
  async send(args: readonly string[]): Promise<unknown> {
    if (!this.#client.isReady) throw this.#failed(new RedisCommandFailed('The Redis client is not connected.'));
    if (!this.#healthy && performance.now() < this.#quietUntil) throw new RedisCommandFailed('Redis did not answer a moment ago.');
    try {
      const reply = await bounded(this.#client.sendCommand(args, { timeout: this.#timeoutMs }), this.#timeoutMs);
      this.#answered();
      return reply;
    } catch (error) {
      // A script error is an answer: Redis is there.
      if (error instanceof Error && /^(NOSCRIPT|ERR|WRONGTYPE)/.test(error.message)) {
        this.#answered();
        throw error;
      }
      throw this.#failed(error);
    }
  }

  /** Runs a Lua script by its digest, loading it the first time or after Redis forgot it. */
  async script(source: string, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    let sha = this.#scriptShas.get(source);
    if (sha === undefined) {
      sha = createHash('sha1').update(source).digest('hex');
      this.#scriptShas.set(source, sha);
    }
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.send(['EVALSHA', sha, ...tail]);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return this.send(['EVAL', source, ...tail]);
      throw error;
    }
  }

  /** Tells that Redis answers again: called too when the subscriber reconnects. */
  markAnswered(): void {
    this.#answered();
  }

  #answered(): void {
    if (this.#healthy) return;
    this.#healthy = true;
    clearTimeout(this.#recovery);
    this.#recovery = undefined;
    this.#onEvent({ type: 'available' });
    this.onRecovered();
  }

  /** While Redis is away, a PING now and then finds out when it is back, even if no call needs it. */
  #watchForRecovery(): void {
    if (this.#recovery !== undefined || this.#closed) return;
    const timer = setTimeout(() => {
      this.#recovery = undefined;
      if (this.#healthy || this.#closed) return;
      this.#quietUntil = 0;
      this.send(['PING']).catch(() => undefined);
    }, QUIET_AFTER_FAILURE_MS);
    // Watching must not keep a program alive.
    (timer as { unref?: () => unknown }).unref?.();
    this.#recovery = timer;
  }

  #failed(reason: unknown): RedisCommandFailed {
    const error = reason instanceof RedisCommandFailed
      ? reason
      : new RedisCommandFailed(`Redis did not answer: ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
    this.#quietUntil = performance.now() + QUIET_AFTER_FAILURE_MS;
    if (this.#healthy) {
      this.#healthy = false;
      this.#onEvent({ type: 'unavailable', error });
    }
    this.#watchForRecovery();
    return error;
  }
}

/** The promise, or a RedisCommandFailed once `ms` have passed. */
function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: Timer | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new RedisCommandFailed(`Redis did not answer within ${String(ms)} ms.`)); }, ms);
  });
  // A late answer after the timeout is dropped; its rejection must not go unhandled.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => { clearTimeout(timer); });
}
