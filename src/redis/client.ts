/**
 * What the Redis scope needs of a node-redis client, written out so that `extralife/redis` neither
 * imports the `redis` package nor ties its types to one version of it: any connected client of
 * node-redis 5 or later fits (`createClient(...)` after `await client.connect()`).
 */

/** Per-command options node-redis takes: the scope bounds every command it sends. */
export interface RedisCommandOptions {
  readonly timeout?: number;
  readonly abortSignal?: AbortSignal;
}

/** A message listener on a subscribed channel. */
export type RedisMessageListener = (message: string, channel: string) => void;

/** The connection the scope subscribes on: a duplicate of the client it was given. */
export interface RedisSubscriberConnection {
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: RedisMessageListener): Promise<unknown>;
  on(event: 'ready' | 'error' | 'end', listener: (...args: unknown[]) => void): unknown;
  /** Closes the connection (node-redis 5: close(); destroy() for one that is not open). */
  destroy(): unknown;
}

/** A connected node-redis client, as the scope uses it. */
export interface NodeRedisClient {
  /** False while the client is disconnected or reconnecting: the scope then uses local state without waiting. */
  readonly isReady: boolean;
  /** False once the client was closed, or before connect(). */
  readonly isOpen: boolean;
  sendCommand(args: readonly string[], options?: RedisCommandOptions): Promise<unknown>;
  duplicate(): RedisSubscriberConnection;
}
