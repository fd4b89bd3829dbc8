/** What the test and its child processes tell each other over the IPC channel. */

/** How a child is set up: one scope (Redis or in memory), one Coral client against the fake. */
export interface WorkerConfig {
  readonly id: number;
  /** The fake service's origin. */
  readonly serviceUrl: string;
  /** The Redis to share state through; undefined gives each child its own in-memory scope. */
  readonly redisUrl: string | undefined;
  readonly prefix: string;
  /** The token getToken gives, always: a child that never learns the new token by itself. */
  readonly token: string;
  readonly renewalLeaseMs?: number | undefined;
  /** The Redis scope's bound on each command: generous, so that a busy machine never looks like a dead Redis. @default 10_000 */
  readonly commandTimeoutMs?: number | undefined;
  /** The client's retry options. */
  readonly retry?: Readonly<Record<string, number>> | undefined;
}

/** Commands from the test. */
export type ToWorker =
  /** Start `count` calls at once; answer 'settled' when every one has. */
  | { readonly cmd: 'calls'; readonly count: number; readonly path: string; readonly tag: string }
  /** Answer 'known' once this child's scope knows of a paused bucket, or of its gate closed (false after `withinMs` without). */
  | { readonly cmd: 'await-known'; readonly what: 'pause' | 'gate'; readonly withinMs: number }
  /** Close the scope and the Redis client, then exit. */
  | { readonly cmd: 'exit' };

/** How the calls of one 'calls' command ended. */
export interface CallFigures {
  readonly tag: string;
  readonly settled: number;
  readonly ok: number;
  /** Errors by category. */
  readonly errors: Readonly<Record<string, number>>;
}

/** Messages to the test. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'settled'; readonly figures: CallFigures }
  | { readonly type: 'known'; readonly known: boolean }
  | { readonly type: 'refreshing' }
  | { readonly type: 'redis'; readonly event: 'unavailable' | 'available' }
  | { readonly type: 'failed'; readonly message: string };
