import type { RetryBudgetOptions } from '../retry/budget.ts';
import { budgetOf, type RetryScope, type ScopeBudget, type ScopeGate } from '../retry/scope.ts';
import { SharedBudget } from './budget.ts';
import { ScopeBus, type BusMessage } from './bus.ts';
import type { NodeRedisClient } from './client.ts';
import { newOwner, type ScopeContext, type ScopeTimings } from './context.ts';
import { gateFromStore, RedisGate } from './gate.ts';
import { ScopeKeys } from './keys.ts';
import { RedisLink, type RedisScopeEvent } from './link.ts';
import { RedisPauses } from './pauses.ts';
import { RedisRenewals } from './renewals.ts';
import { GATE_STATE, PAUSE_STATE } from './scripts.ts';
import { errorFromWire } from './wire.ts';

/** Options of {@link createRedisScope}. */
export interface RedisScopeOptions {
  /** A connected node-redis client (`await createClient({ url }).connect()`). The scope never closes it. */
  readonly client: NodeRedisClient;
  /** What every key and the channel begin with: give each fleet (or each account) its own. @default 'extralife:' */
  readonly prefix?: string | undefined;
  /**
   * The retry budget: `{ shared: true, ... }` keeps one bucket in Redis for every process; without
   * `shared` each process has its own bucket of that size; false for none.
   * @default each process its own { capacity: 500, retryCost: 5, timeoutCost: 10 }
   */
  readonly budget?: (RetryBudgetOptions & { readonly shared?: boolean | undefined }) | false | undefined;
  /** Calls released together from a gate start at random within this window. @default each client's own */
  readonly gateSpreadMs?: number | undefined;
  /** How long a renewer's lease lasts without being kept alive: a renewer that dies is replaced this long after. @default 5_000 */
  readonly renewalLeaseMs?: number | undefined;
  /** How long a probe's lease lasts without being kept alive: a probe that dies is replaced this long after. @default 10_000 */
  readonly probeLeaseMs?: number | undefined;
  /** How long a renewal's outcome (the new token, or the refusal) stays in Redis for processes still holding the old token. @default 60_000 */
  readonly renewalOutcomeTtlMs?: number | undefined;
  /** How long a gate stays stored after its wait ended with no probe answered. @default 300_000 */
  readonly gateLingerMs?: number | undefined;
  /** The longest any one Redis command may take before the scope gives up on it and uses local state. @default 2_000 */
  readonly commandTimeoutMs?: number | undefined;
  /** Told when Redis stops answering and when it answers again. Exceptions it throws are ignored. */
  readonly onEvent?: ((event: RedisScopeEvent) => void) | undefined;
}

/** A scope kept in Redis, shared by every process that uses the same Redis and prefix. */
export interface RedisScope extends RetryScope {
  /** True while Redis answers; false while the scope works from this process's own state. */
  readonly shared: boolean;
  /** Stops listening to Redis and lets go of timers, so the process can exit. The client stays open. */
  close(): Promise<void>;
}

const DEFAULTS = {
  prefix: 'extralife:',
  renewalLeaseMs: 5_000,
  probeLeaseMs: 10_000,
  renewalOutcomeTtlMs: 60_000,
  gateLingerMs: 300_000,
  commandTimeoutMs: 2_000,
} as const;

function duration(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
    throw new TypeError(`createRedisScope: ${name} must be a finite number of milliseconds of at least 1, got ${String(value)}.`);
  }
  return value;
}

function isClient(value: unknown): value is NodeRedisClient {
  if (typeof value !== 'object' || value === null) return false;
  const client = value as Partial<Record<keyof NodeRedisClient, unknown>>;
  return typeof client.sendCommand === 'function' && typeof client.duplicate === 'function' && typeof client.isReady === 'boolean';
}

class SharedScope implements RedisScope {
  readonly pauses: RedisPauses;
  readonly renewals: RedisRenewals;
  readonly budget: ScopeBudget;
  readonly gateSpreadMs: number | undefined;
  readonly #context: ScopeContext;
  readonly #gates = new Map<string, RedisGate>();
  readonly #bus: ScopeBus;
  #closed = false;

  constructor(context: ScopeContext, client: NodeRedisClient, options: RedisScopeOptions) {
    this.#context = context;
    this.pauses = new RedisPauses(context);
    this.renewals = new RedisRenewals(context);
    const budget = options.budget;
    this.budget = budget !== false && budget?.shared === true ? new SharedBudget(context, budget) : budgetOf(budget);
    this.gateSpreadMs = options.gateSpreadMs;
    this.#bus = new ScopeBus(client, context.keys.channel, (message) => { this.#hear(message); }, () => { void this.load(); });
    context.link.onRecovered = () => { void this.load(); };
  }

  get shared(): boolean {
    return this.#context.link.healthy && this.#bus.connected;
  }

  gate(key: string): ScopeGate {
    return this.#gate(key);
  }

  async open(timeoutMs: number): Promise<void> {
    await this.#bus.open(timeoutMs);
    await this.load();
  }

  /** Reads what Redis holds (closed gates, pauses) into the local view: at start and after each reconnection. */
  async load(): Promise<void> {
    const { keys, link } = this.#context;
    for (const gate of this.#gates.values()) gate.recovered();
    try {
      for (const key of await this.#scan(keys.pattern('gate'))) {
        // A gate's probe lease and the mark of its opening are read with the gate, not as gates.
        if (key.endsWith(':probe') || key.endsWith(':opened')) continue;
        const state = gateFromStore(await link.script(GATE_STATE, [key], []));
        if (state !== undefined) this.#gate(state.key).learnClosed(state.remainingMs, state.error);
      }
      for (const key of await this.#scan(keys.pattern('pause'))) {
        const reply = await link.script(PAUSE_STATE, [key], []);
        if (!Array.isArray(reply) || reply.length < 3) continue;
        const [bucket, left, error] = reply as unknown[];
        if (typeof bucket === 'string') this.pauses.learn(bucket, Number(left) || 0, errorFromWire(error));
      }
    } catch {
      // Redis is away: the link has told it; the next reconnection reads again.
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#context.link.close();
    this.#bus.close();
    for (const gate of this.#gates.values()) gate.stop();
    this.renewals.stop();
    if (this.budget instanceof SharedBudget) await this.budget.flush();
  }

  async #scan(pattern: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const reply = await this.#context.link.send(['SCAN', cursor, 'MATCH', pattern, 'COUNT', '200']);
      if (!Array.isArray(reply) || reply.length < 2) break;
      const [next, batch] = reply as unknown[];
      cursor = String(next);
      if (Array.isArray(batch)) for (const key of batch) if (typeof key === 'string') found.push(key);
    } while (cursor !== '0' && found.length < 10_000);
    return found;
  }

  #gate(key: string): RedisGate {
    let gate = this.#gates.get(key);
    if (gate === undefined) {
      gate = new RedisGate(key, this.#context);
      this.#gates.set(key, gate);
    }
    return gate;
  }

  #hear(message: BusMessage): void {
    // What this scope published, it already knows.
    if (message.f === this.#context.owner) return;
    this.#context.link.markAnswered();
    switch (message.t) {
      case 'gate-closed':
        this.#gate(message.k).learnClosed(Number(message.ms) || 0, errorFromWire(message.e));
        break;
      case 'gate-open':
        this.#gates.get(message.k)?.learnOpen();
        break;
      case 'probe-free':
        this.#gates.get(message.k)?.learnProbeFree();
        break;
      case 'pause':
        this.pauses.learnWire(message.b, Number(message.ms) || 0, message.e);
        break;
      case 'renewal':
        this.renewals.learnWire(message.d, message.o);
        break;
    }
  }
}

/**
 * A retry scope kept in Redis, for a fleet of processes that call the same services with the same
 * accounts: one token renewal per rejected token, one maintenance gate per service and prefix,
 * one rate-limit pause per bucket (and, if asked, one retry budget) for every process that uses
 * the same Redis and prefix. A call that succeeds with nothing closed or paused sends nothing to
 * Redis; when Redis is slow or away, calls go on with this process's own state.
 *
 * Resolves once the scope has read what Redis holds (a gate closed before this process started
 * is closed here too), or after `commandTimeoutMs` if Redis does not answer.
 * Rejects with a TypeError for options it cannot use.
 *
 * @example
 * import { createClient } from 'redis';
 * import { createRedisScope } from 'extralife/redis';
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const scope = await createRedisScope({ client: redis, prefix: 'presence-bot:' });
 * const coral = createCoralClient({ auth, scope });
 * // ...
 * await scope.close();
 * await redis.close();
 */
export async function createRedisScope(options: RedisScopeOptions): Promise<RedisScope> {
  if (typeof options !== 'object' || (options as unknown) === null) throw new TypeError('createRedisScope: options must be an object with a node-redis `client`.');
  const { client } = options;
  if (!isClient(client)) throw new TypeError('createRedisScope: `client` must be a node-redis client (from `createClient()` of the `redis` package).');
  if (!client.isOpen) throw new TypeError('createRedisScope: `client` is not connected: call `await client.connect()` first.');
  const prefix = options.prefix ?? DEFAULTS.prefix;
  if (typeof prefix !== 'string') throw new TypeError(`createRedisScope: prefix must be a string, got ${typeof prefix}.`);
  const timings: ScopeTimings = {
    renewalLeaseMs: duration('renewalLeaseMs', options.renewalLeaseMs, DEFAULTS.renewalLeaseMs),
    probeLeaseMs: duration('probeLeaseMs', options.probeLeaseMs, DEFAULTS.probeLeaseMs),
    renewalOutcomeTtlMs: duration('renewalOutcomeTtlMs', options.renewalOutcomeTtlMs, DEFAULTS.renewalOutcomeTtlMs),
    gateLingerMs: duration('gateLingerMs', options.gateLingerMs, DEFAULTS.gateLingerMs),
  };
  const commandTimeoutMs = duration('commandTimeoutMs', options.commandTimeoutMs, DEFAULTS.commandTimeoutMs);
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') throw new TypeError('createRedisScope: onEvent must be a function.');
  const onEvent = options.onEvent;
  const tell = (event: RedisScopeEvent): void => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's failure is its own.
    }
  };
  const context: ScopeContext = { link: new RedisLink(client, commandTimeoutMs, tell), keys: new ScopeKeys(prefix), owner: newOwner(), timings };
  const scope = new SharedScope(context, client, options);
  await scope.open(commandTimeoutMs);
  return scope;
}
