import { isCategory, isRetryAdvice, type Category, type RetryAdvice } from './category.ts';
import { asCode, type CodeOf } from './codes.ts';
import { KEEP_LIMITS, keepText, redactValue } from './redact.ts';
import { isError, isObject, safeGet, safeNumber, safeString as readString } from './safe.ts';
import { isService, type Service } from './service.ts';

const BRAND = Symbol.for('extralife.GameServiceError');
const CAUSE_DEPTH = 5;
/** Longest message and stack a cause keeps: enough to read, never the megabyte a server sent. */
const MESSAGE_CHARS = KEEP_LIMITS.stringChars;
const STACK_CHARS = 8 * KEEP_LIMITS.stringChars;
/** Longest service, code and name shown at the head of a message: real ones are a few dozen characters. */
const LABEL_CHARS = 256;

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
    const codeName = init.codeName === undefined ? undefined : keepText(init.codeName, LABEL_CHARS, secrets);
    const label = keepText(`${init.service} ${init.code}${codeName === undefined ? '' : ` ${codeName}`}`, LABEL_CHARS, secrets);
    const description = keepText(init.description, MESSAGE_CHARS, secrets);
    super(`[${label}] ${description}`, {
      cause: sanitizeCause(init.cause, secrets, 0),
    });
    this.service = init.service;
    this.code = init.code;
    if (codeName !== undefined) this.codeName = codeName;
    this.category = init.category;
    this.retry = init.retry;
    this.retryable = init.retry !== 'never';
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.status !== undefined) this.status = init.status;
    this.description = description;
    if (init.details !== undefined) this.details = redactValue(init.details, secrets) as Record<string, unknown>;
    if (init.received !== undefined) this.received = redactValue(init.received, secrets);
    if (init.attempts !== undefined) this.attempts = init.attempts;
    if (init.elapsedMs !== undefined) this.elapsedMs = init.elapsedMs;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * A copy with more context: the client adds attempts and elapsed time, or a retry hint. The
   * copy shares this error's already redacted fields; only new secrets mean redacting again.
   */
  with(extra: Partial<Pick<GameServiceErrorInit<S>, 'attempts' | 'elapsedMs' | 'retryAfterMs' | 'secrets'>>): GameServiceError<S> {
    const defined = pickDefined(extra);
    if (extra.secrets !== undefined && extra.secrets.length > 0) {
      const copy = new GameServiceError<S>({ ...this.toInit(), ...defined, secrets: extra.secrets, cause: this.cause });
      if (this.stack !== undefined) copy.stack = this.stack;
      return copy;
    }
    // A real Error (native brand, structured-clone support) with this class's prototype, whose
    // constructor is not run again: the fields are already redacted, and copied as they are.
    const copy = nativeErrorWithout(this.message, GameServiceError<S>);
    // `name` is defined, since a frozen Error.prototype would refuse it as a write; no other field
    // shares a name with anything on the prototype chain, so plain writes copy them.
    Object.defineProperty(copy, 'name', { value: this.name, enumerable: true, writable: true, configurable: true });
    const fields = copy as unknown as Record<string, unknown>;
    for (const key of Object.keys(this)) if (key !== 'name') fields[key] = (this as unknown as Record<string, unknown>)[key];
    Object.assign(copy, defined);
    if ('cause' in this) Object.defineProperty(copy, 'cause', { value: this.cause, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(copy, BRAND, { value: true });
    // Reading `stack` formats it, the costliest step of an error: the copy reads it only when asked.
    Object.defineProperty(copy, 'stack', {
      configurable: true,
      enumerable: false,
      get: () => this.stack,
      set: (value: unknown) => {
        Object.defineProperty(copy, 'stack', { value, writable: true, configurable: true, enumerable: false });
      },
    });
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

/**
 * A native Error of `target`'s class, its constructor not run and no stack captured: capturing
 * is the costliest step of making an error, and a copy shows its original's stack instead.
 */
function nativeErrorWithout<E extends Error>(message: string, target: new (...args: never[]) => E): E {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return Reflect.construct(Error, [message], target) as E;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The context fields `with` was given values for. */
function pickDefined(extra: Partial<Pick<GameServiceErrorInit, 'attempts' | 'elapsedMs' | 'retryAfterMs'>>): Record<string, number> {
  const picked: Record<string, number> = {};
  if (extra.attempts !== undefined) picked.attempts = extra.attempts;
  if (extra.elapsedMs !== undefined) picked.elapsedMs = extra.elapsedMs;
  if (extra.retryAfterMs !== undefined) picked.retryAfterMs = extra.retryAfterMs;
  return picked;
}

/** The fields every GameServiceError has, read once from a value carrying the shared brand. */
interface BrandedFields {
  readonly service: Service;
  readonly code: string | number;
  readonly category: Category;
  readonly retry: RetryAdvice;
  readonly message: string;
}

function brandedFields(value: unknown): BrandedFields | undefined {
  if (safeGet(value, BRAND) !== true) return undefined;
  const service = safeGet(value, 'service');
  const code = safeGet(value, 'code');
  const category = safeGet(value, 'category');
  const retry = safeGet(value, 'retry');
  const message = safeGet(value, 'message');
  if (!isService(service) || !(typeof code === 'number' || (typeof code === 'string' && code.length <= LABEL_CHARS)) || !isCategory(category) || !isRetryAdvice(retry) || typeof message !== 'string') return undefined;
  return { service, code, category, retry, message };
}

/**
 * One service's error, whichever service: a union over the services, so that testing `service`
 * narrows `code` to that service's codes (`e.service === 'lobby' && e.code === '16004'`).
 */
export type AnyGameServiceError = { [S in Service]: GameServiceError<S> }[Service];

/**
 * True for a GameServiceError from this or any other copy of extralife, in any realm: an instance,
 * or an object carrying the shared brand with the fields every such error has. Narrows to one
 * service's error per service, so that a test of `service` then narrows `code`.
 */
export function isGameServiceError(value: unknown): value is AnyGameServiceError {
  return (isError(value) && value instanceof GameServiceError) || brandedFields(value) !== undefined;
}

/**
 * The value as an instance of this copy's GameServiceError: itself when it is one, a rebuilt copy
 * when it comes from another realm or copy of extralife, undefined when it is not such an error
 * (or is one of another service than `service`).
 */
export function adoptGameServiceError<S extends Service>(value: unknown, service?: S, secrets?: readonly string[]): GameServiceError<S> | undefined {
  if (isError(value) && value instanceof GameServiceError) {
    return service === undefined || value.service === service ? (value as GameServiceError<S>) : undefined;
  }
  const fields = brandedFields(value);
  if (fields === undefined || (service !== undefined && fields.service !== service)) return undefined;
  // Another copy's or realm's error: rebuilt from what it says, read once and redacted again.
  const details = safeGet(value, 'details');
  const copy = new GameServiceError<S>({
    service: fields.service as S,
    code: asCode(fields.service as S, String(fields.code)),
    codeName: readString(value, 'codeName'),
    category: fields.category,
    retry: fields.retry,
    description: readString(value, 'description') ?? fields.message,
    status: safeNumber(value, 'status'),
    retryAfterMs: safeNumber(value, 'retryAfterMs'),
    attempts: safeNumber(value, 'attempts'),
    elapsedMs: safeNumber(value, 'elapsedMs'),
    details: isObject(details) ? (details as Readonly<Record<string, unknown>>) : undefined,
    received: safeGet(value, 'received'),
    cause: safeGet(value, 'cause'),
    secrets,
  });
  const stack = readString(value, 'stack');
  if (stack !== undefined) copy.stack = keepText(stack, STACK_CHARS, secrets);
  return copy;
}

/**
 * A cause safe to keep: Errors are copied with redacted message and stack (their requests,
 * responses and headers are left behind); other values become bounded redacted copies.
 */
function sanitizeCause(cause: unknown, secrets: readonly string[], depth: number): unknown {
  if (cause === undefined) return undefined;
  const own = adoptGameServiceError(cause);
  if (own !== undefined) return own;
  if (depth >= CAUSE_DEPTH) return undefined;
  if (isError(cause)) {
    const inner = safeRead(() => cause.cause);
    const copy = new Error(keepText(safeString(() => cause.message), MESSAGE_CHARS, secrets), {
      cause: sanitizeCause(inner, secrets, depth + 1),
    });
    copy.name = keepText(safeString(() => cause.name), 128) || 'Error';
    const code = safeRead(() => (cause as { code?: unknown }).code);
    if (typeof code === 'number' || (typeof code === 'string' && code.length <= 128)) Object.defineProperty(copy, 'code', { value: code, enumerable: true });
    const stack = safeRead(() => cause.stack);
    copy.stack = typeof stack === 'string' ? keepText(stack, STACK_CHARS, secrets) : `${copy.name}: ${copy.message}`;
    return copy;
  }
  return redactValue(cause, secrets);
}

function describeCause(cause: unknown): unknown {
  if (cause === undefined) return undefined;
  if (cause instanceof GameServiceError) return cause.toJSON();
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
