import type { NodeRedisClient, RedisSubscriberConnection } from './client.ts';

/** What one process tells the others through the scope's channel. */
export type BusMessage =
  | { readonly t: 'gate-closed'; readonly k: string; readonly ms: unknown; readonly e: unknown; readonly f: string }
  | { readonly t: 'gate-open'; readonly k: string; readonly f: string }
  | { readonly t: 'probe-free'; readonly k: string; readonly f: string }
  | { readonly t: 'pause'; readonly b: string; readonly ms: unknown; readonly e: unknown; readonly f: string }
  | { readonly t: 'renewal'; readonly d: string; readonly o: unknown; readonly f: string };

const KINDS = new Set(['gate-closed', 'gate-open', 'probe-free', 'pause', 'renewal']);

function parse(text: string): BusMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const kind = (value as { t?: unknown }).t;
  return typeof kind === 'string' && KINDS.has(kind) ? (value as BusMessage) : undefined;
}

/**
 * The subscription that keeps this process's local view current: a connection of its own (a
 * subscribed connection can send nothing else), duplicated from the client the scope was given.
 * Each time it reconnects, `onReady` runs, so the view is read afresh after a gap in which
 * messages may have been missed.
 */
export class ScopeBus {
  readonly #connection: RedisSubscriberConnection;
  readonly #channel: string;
  #closed = false;

  constructor(client: NodeRedisClient, channel: string, onMessage: (message: BusMessage) => void, onReady: () => void) {
    this.#connection = client.duplicate();
    this.#channel = channel;
    // An error event without a listener would crash the process; the link tells the user.
    this.#connection.on('error', () => undefined);
    // The first connection is read by the scope as it opens; each later one, here.
    let connections = 0;
    this.#connection.on('ready', () => {
      connections += 1;
      if (connections > 1 && !this.#closed) onReady();
    });
    this.#listener = (text: string) => {
      const message = parse(text);
      if (message !== undefined) onMessage(message);
    };
  }

  readonly #listener: (text: string) => void;

  /** Connects and subscribes within `timeoutMs`; false when Redis did not let it in time (it keeps trying). */
  async open(timeoutMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => { resolve(false); }, timeoutMs);
    });
    const subscribed = (async (): Promise<true> => {
      await this.#connection.connect();
      // node-redis resubscribes by itself after a reconnection.
      await this.#connection.subscribe(this.#channel, this.#listener);
      return true;
    })();
    subscribed.catch(() => undefined);
    try {
      return await Promise.race([subscribed, late]).catch(() => false);
    } finally {
      clearTimeout(timer);
    }
  }

  /** True while the subscription is connected. */
  get connected(): boolean {
    return this.#connection.isReady;
  }

  close(): void {
    this.#closed = true;
    try {
      this.#connection.destroy();
    } catch {
      // Already closed.
    }
  }
}
