import type { Category, RetryAdvice } from './category.ts';
import type { CodeOf } from './codes.ts';
import { redactText, redactValue } from './redact.ts';
import { isError } from './safe.ts';
import type { Service } from './service.ts';

const BRAND = Symbol.for('extralife.GameServiceError');
const CAUSE_DEPTH = 5;

/** Everything needed to build a GameServiceError; adapters fill it from a raw answer. */
export interface GameServiceErrorInit<S extends Service = Service> {
  readonly service: S;
  readonly code: CodeOf<S>;
  readonly codeName?: string | undefined;
  readonly category: Category;
  readonly retry: RetryAdvice;
  /** What the code means, from the catalog or from what the service said. */
  readonly description: string;
  readonly retryAfterMs?: number | undefined;
  readonly status?: number | undefined;
  /** Service-specific facts worth keeping: correlationId, requestId, trid, errno, ... */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  /** What was received; kept only as a redacted, bounded copy. */
  readonly received?: unknown;
  readonly cause?: unknown;
  /** How many attempts the call made before this error was final. */
  readonly attempts?: number | undefined;
  /** How long the call took in all, in milliseconds. */
  readonly elapsedMs?: number | undefined;
  /** Exact values to mask wherever they appear (the tokens a client sent). */
  readonly secrets?: readonly string[] | undefined;
}

/**
 * The one error every service's failures become.
 * Safe to log and serialise: what it keeps of the raw answer, its message and its cause chain
 * are redacted copies, never the live request or response.
 */
export class GameServiceError<S extends Service = Service> extends Error {
  override readonly name = 'GameServiceError' as const;
  readonly service: S;
  readonly code: CodeOf<S>;
  readonly codeName?: string;
  readonly category: Category;
  readonly retry: RetryAdvice;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly description: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly received?: unknown;
  readonly attempts?: number;
  readonly elapsedMs?: number;

  constructor(init: GameServiceErrorInit<S>) {
    const secrets = init.secrets ?? [];
    const label = init.codeName === undefined ? init.code : `${init.code} ${init.codeName}`;
    super(redactText(`[${init.service} ${label}] ${init.description}`, secrets), {
      cause: sanitizeCause(init.cause, secrets, 0),
    });
    this.service = init.service;
    this.code = init.code;
    if (init.codeName !== undefined) this.codeName = init.codeName;
    this.category = init.category;
    this.retry = init.retry;
    this.retryable = init.retry !== 'never';
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.status !== undefined) this.status = init.status;
    this.description = redactText(init.description, secrets);
    if (init.details !== undefined) this.details = redactValue(init.details, secrets) as Record<string, unknown>;
    if (init.received !== undefined) this.received = redactValue(init.received, secrets);
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.elapsedMs !== undefined) this.elapsedMs = init.elapsedMs;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A copy with more context: the client adds attempts and elapsed time, or a retry hint. */
  with(extra: Partial<Pick<GameServiceErrorInit<S>, 'attempts' | 'elapsedMs' | 'retryAfterMs' | 'secrets'>>): GameServiceError<S> {
    const copy = new GameServiceError<S>({
      ...this.toInit(),
      ...extra,
      cause: this.cause,
    });
    if (this.stack !== undefined) copy.stack = this.stack;
    return copy;
  }

  /** The fields this error was built from, for copies. */
  toInit(): GameServiceErrorInit<S> {
    return {
      service: this.service,
      code: this.code,
      codeName: this.codeName,
      category: this.category,
      retry: this.retry,
      description: this.description,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      details: this.details,
      received: this.received,
      cause: this.cause,
      attempts: this.attempts,
      elapsedMs: this.elapsedMs,
    };
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      message: this.message,
      service: this.service,
      code: this.code,
      codeName: this.codeName,
      category: this.category,
      retry: this.retry,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      description: this.description,
      details: this.details,
      received: this.received,
      attempts: this.attempts,
      elapsedMs: this.elapsedMs,
      cause: describeCause(this.cause),
    };
    for (const key of Object.keys(json)) if (json[key] === undefined) Reflect.deleteProperty(json, key);
    return json;
  }
}

/** True for a GameServiceError from this or any other copy of extralife, in any realm. */
export function isGameServiceError(value: unknown): value is GameServiceError {
  try {
    if (value instanceof GameServiceError) return true;
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  } catch {
    // A revoked proxy or a throwing trap is not an error of ours.
    return false;
  }
}

/**
 * A cause safe to keep: Errors are copied with redacted message and stack (their requests,
 * responses and headers are left behind); other values become bounded redacted copies.
 */
function sanitizeCause(cause: unknown, secrets: readonly string[], depth: number): unknown {
  if (cause === undefined) return undefined;
  if (isGameServiceError(cause)) return cause;
  if (depth >= CAUSE_DEPTH) return undefined;
  if (isError(cause)) {
    const inner = safeRead(() => cause.cause);
    const copy = new Error(redactText(safeString(() => cause.message), secrets), {
      cause: sanitizeCause(inner, secrets, depth + 1),
    });
    copy.name = safeString(() => cause.name) || 'Error';
    const code = safeRead(() => (cause as { code?: unknown }).code);
    if (typeof code === 'string' || typeof code === 'number') Object.defineProperty(copy, 'code', { value: code, enumerable: true });
    const stack = safeRead(() => cause.stack);
    copy.stack = typeof stack === 'string' ? redactText(stack, secrets) : `${copy.name}: ${copy.message}`;
    return copy;
  }
  return redactValue(cause, secrets);
}

function describeCause(cause: unknown): unknown {
  if (cause === undefined) return undefined;
  if (isGameServiceError(cause)) return cause.toJSON();
  if (isError(cause)) return { name: cause.name, message: cause.message, cause: describeCause(cause.cause) };
  return cause;
}

function safeRead(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function safeString(read: () => unknown): string {
  const value = safeRead(read);
  return typeof value === 'string' ? value : '';
}
