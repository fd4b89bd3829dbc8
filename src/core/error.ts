import { isCategory, isRetryAdvice, type Category, type RetryAdvice } from './category.ts';
import { asCode, type CodeOf } from './codes.ts';
import { KEEP_LIMITS, keepText, redactUrl, redactValue } from './redact.ts';
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
  /** The service whose answer this is. */
  readonly service: S;
  /** The code in the service's notation ('2306-0806', '9404', '16004'), or a transport code (NETWORK, TIMEOUT, CANCELLED, UNKNOWN). */
  readonly code: CodeOf<S>;
  /** The code's name in the catalog ('Authentication::TokenExpired'). */
  readonly codeName?: string | undefined;
  /** What kind of failure it is. */
  readonly category: Category;
  /** What a caller should do about it. */
  readonly retry: RetryAdvice;
  /** What the code means, from the catalog or from what the service said. */
  readonly description: string;
  /** How long the service asked to wait (Retry-After or its own hint), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** The HTTP status, where there was one. */
  readonly status?: number | undefined;
  /** Service-specific facts worth keeping: correlationId, requestId, trid, errno, ... */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  /** The request the failure belongs to: kept in `details.request`, its URL redacted. */
  readonly request?: {
    /** The request's HTTP method. */
    readonly method: string;
    /** The request's URL, redacted when the error is read. */
    readonly url: string;
  } | undefined;
  /** What was received; kept only as a redacted, bounded copy. */
  readonly received?: unknown;
  /** The underlying failure, kept as a redacted copy. */
  readonly cause?: unknown;
  /** How many attempts the call made before this error was final. */
  readonly attempts?: number | undefined;
  /** How long the call took in all, in milliseconds. */
  readonly elapsedMs?: number | undefined;
  /** Exact values to mask wherever they appear (the tokens a client sent). */
  readonly secrets?: readonly string[] | undefined;
}

/**
 * A value an error keeps that is worked out only when it is first read: what an adapter would
 * otherwise build for every failure, retried or not (the answer's headers as a plain record).
 */
export class Deferred {
  readonly #make: () => unknown;

  constructor(make: () => unknown) {
    this.#make = make;
  }

  /** The value, worked out now. */
  make(): unknown {
    return this.#make();
  }
}

function isDeferred(value: unknown): value is Deferred {
  try {
    return value instanceof Deferred;
  } catch {
    return false;
  }
}

/** A kept copy, or a note that it could not be made. */
function keptSafely(make: () => unknown): unknown {
  try {
    return make();
  } catch {
    return '[unreadable]';
  }
}

/** What an error was given to keep, before it is made safe. */
interface RawFacts {
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly request: { readonly method: string; readonly url: string } | undefined;
  readonly received: unknown;
  readonly secrets: readonly string[];
}

/**
 * The costly part of an error: its redacted, bounded copies of details and of what was
 * received. Made once, when first read, and shared by the error's copies: a failure that
 * is retried needs only its category, advice and hint, and its copies are never made.
 */
class KeptFacts {
  #raw: RawFacts | undefined;
  #details: Readonly<Record<string, unknown>> | undefined;
  #received: unknown;

  constructor(raw: RawFacts) {
    this.#raw = raw;
  }

  get details(): Readonly<Record<string, unknown>> | undefined {
    this.#settle();
    return this.#details;
  }

  get received(): unknown {
    this.#settle();
    return this.#received;
  }

  #settle(): void {
    const raw = this.#raw;
    if (raw === undefined) return;
    // Cleared first: whatever happens below, the raw values are let go and never read twice.
    this.#raw = undefined;
    const { secrets, request } = raw;
    // Each copy is made apart, and none can throw: a hostile value read late spoils only its own copy.
    this.#details = keptSafely(() => {
      const details = request === undefined ? raw.details : { ...raw.details, request: { method: safeRead(() => request.method), url: redactUrl(safeRead(() => request.url) as string, secrets) } };
      // (redactUrl answers '[not a URL]' for anything but a string: a caller's context may hold anything.)
      return details === undefined ? undefined : redactValue(details, secrets);
    }) as Readonly<Record<string, unknown>> | undefined;
    this.#received = keptSafely(() => {
      const received = isDeferred(raw.received) ? raw.received.make() : raw.received;
      return received === undefined ? undefined : redactValue(received, secrets);
    });
  }
}

/** The parts of an error `with` copies: its message, cause, kept facts, and the error whose stack it shows. */
interface CopySource {
  readonly message: string;
  /** The original's cause, already made safe; undefined when it has none. */
  readonly cause: unknown;
  readonly kept: KeptFacts | undefined;
  /** Undefined when the copy captures a stack of its own. */
  readonly stackOf: GameServiceError | undefined;
}

/**
 * Marks an init whose code name and description are the catalog entry's, unchanged (see
 * errorFromCode): for the library's own use, not exported from any entry point.
 */
export const CATALOG_TEXT = Symbol('catalog text');

/** Marks an init as a copy's: only this module can make one. */
const COPY = Symbol('copy');

/** See finalInPlace: set by GameServiceError's static block, which alone may touch its private fields. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- captureStackTrace takes any function to cut the stack at
let completeInPlace: (error: GameServiceError, extra: { readonly attempts: number; readonly elapsedMs: number }, below: Function) => boolean;

/**
 * Makes a stackless error the final one itself, instead of copying it (see `with`): gives it the
 * call's attempts and elapsed time and captures its stack, cut at `below` so that it starts where
 * the call was waited for, not inside the engine. Only for an error the engine built and showed to
 * nobody: a copy is what everyone else gets. False, and nothing changed, when it has a stack.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- see completeInPlace
export function finalInPlace(error: GameServiceError, extra: { readonly attempts: number; readonly elapsedMs: number }, below: Function): boolean {
  return completeInPlace(error, extra, below);
}

/** True while errors are built without a stack (see buildWithoutStack). */
let stackless = 0;

/**
 * Runs `build` with errors made without capturing a stack: capturing is the costliest step of
 * making an error, and a failure that the retry engine reads and retries is never shown. The
 * final error (see `with`) captures its own.
 */
export function buildWithoutStack<T>(build: () => T): T {
  stackless += 1;
  try {
    return build();
  } finally {
    stackless -= 1;
  }
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The fields util.inspect and console.log show, in the order they are read best. */
const SHOWN = ['service', 'code', 'codeName', 'category', 'retry', 'retryable', 'retryAfterMs', 'status', 'description', 'details', 'received', 'attempts', 'elapsedMs', 'cause'] as const;

/**
 * The one error every service's failures become.
 * Safe to log and serialise: what it keeps of the raw answer, its message and its cause chain
 * are redacted copies, never the live request or response. The copies of details and of what
 * was received are made when first read (by you, JSON, util.inspect), so a failure that is
 * retried and dropped costs little.
 */
export class GameServiceError<S extends Service = Service> extends Error {
  /** Always 'GameServiceError'. */
  declare readonly name: 'GameServiceError';
  /** The service whose answer this is. */
  declare readonly service: S;
  /** The code in the service's own notation ('2306-0806', '9404', '911', '0x80048821', '16004'), or a transport code (NETWORK, TIMEOUT, CANCELLED, UNKNOWN) where none could be read; typed from the catalog. */
  declare readonly code: CodeOf<S>;
  /** The code's name as its source gives it ('Authentication::TokenExpired', 'LobbyFull'), where the catalog knows the code. */
  declare readonly codeName?: string;
  /** What kind of failure it is: one of a small closed set, to match on. */
  declare readonly category: Category;
  /** What to do about it: back off, renew the token, wait as told, or never retry. */
  declare readonly retry: RetryAdvice;
  /** True when `retry` is not 'never'. */
  declare readonly retryable: boolean;
  /** How long the service asked to wait before trying again (Retry-After, RateLimit reset or its own hint), in milliseconds. */
  declare readonly retryAfterMs?: number;
  /** The HTTP status of the answer, where there was one. */
  declare readonly status?: number;
  /** What the code means, for a developer and a player: from the catalog, or what the service said (redacted, bounded). */
  declare readonly description: string;
  /** How many attempts the call made before this error was final (set by the client and withRetry). */
  declare readonly attempts?: number;
  /** How long the call took in all, in milliseconds (set by the client and withRetry). */
  declare readonly elapsedMs?: number;
  readonly #kept: KeptFacts | undefined;
  /** True when no stack was captured for this error (built by the retry engine, see buildWithoutStack). */
  #stackless: boolean;

  static {
    completeInPlace = (error, extra, below) => {
      // Not every engine has captureStackTrace (V8 has): then the error is copied, which captures one.
      if (!error.#stackless || typeof Error.captureStackTrace !== 'function') return false;
      error.#stackless = false;
      (error as { attempts?: number }).attempts = extra.attempts;
      (error as { elapsedMs?: number }).elapsedMs = extra.elapsedMs;
      Error.captureStackTrace(error, below);
      return true;
    };
  }

  constructor(init: GameServiceErrorInit<S>) {
    const copy = (init as { readonly [COPY]?: CopySource })[COPY];
    const secrets = init.secrets ?? [];
    let message: string;
    let codeName: string | undefined;
    let description: string;
    if (copy === undefined && (init as { readonly [CATALOG_TEXT]?: boolean })[CATALOG_TEXT] === true) {
      // The catalog's own words hold no secret and are short: nothing to redact or cut.
      codeName = init.codeName;
      description = init.description;
      message = `[${init.service} ${init.code}${codeName === undefined ? '' : ` ${codeName}`}] ${description}`;
    } else if (copy === undefined) {
      codeName = init.codeName === undefined ? undefined : keepText(init.codeName, LABEL_CHARS, secrets);
      const label = keepText(`${init.service} ${init.code}${codeName === undefined ? '' : ` ${codeName}`}`, LABEL_CHARS, secrets);
      description = keepText(init.description, MESSAGE_CHARS, secrets);
      message = `[${label}] ${description}`;
    } else {
      // A copy's text was kept (redacted and bounded) by its original.
      codeName = init.codeName;
      description = init.description;
      message = copy.message;
    }
    // The cause is kept as an own property, as Error keeps it, so that structuredClone carries it.
    const cause = copy === undefined ? (init.cause === undefined ? undefined : keptSafely(() => sanitizeCause(init.cause, secrets, 0))) : copy.cause;
    const quiet = stackless > 0 || copy?.stackOf !== undefined;
    const limit = Error.stackTraceLimit;
    if (quiet) Error.stackTraceLimit = 0;
    super(message, cause === undefined ? undefined : { cause });
    if (quiet) Error.stackTraceLimit = limit;
    this.service = init.service;
    this.code = init.code;
    if (codeName !== undefined) (this as { codeName?: string }).codeName = codeName;
    this.category = init.category;
    this.retry = init.retry;
    this.retryable = init.retry !== 'never';
    if (init.retryAfterMs !== undefined) (this as { retryAfterMs?: number }).retryAfterMs = init.retryAfterMs;
    if (init.status !== undefined) (this as { status?: number }).status = init.status;
    this.description = description;
    if (init.attempts !== undefined) (this as { attempts?: number }).attempts = init.attempts;
    if (init.elapsedMs !== undefined) (this as { elapsedMs?: number }).elapsedMs = init.elapsedMs;
    this.#stackless = copy === undefined && stackless > 0;
    if (copy !== undefined) {
      this.#kept = copy.kept;
      const original = copy.stackOf;
      // Reading `stack` formats it, the costliest step of an error: the copy reads it only when asked.
      if (original !== undefined) {
        Object.defineProperty(this, 'stack', {
          configurable: true,
          enumerable: false,
          get: () => original.stack,
          set: (value: unknown) => {
            Object.defineProperty(this, 'stack', { value, writable: true, configurable: true, enumerable: false });
          },
        });
      }
      return;
    }
    this.#kept = init.details === undefined && init.request === undefined && init.received === undefined
      ? undefined
      : new KeptFacts({ details: init.details, request: init.request, received: init.received, secrets });
  }

  /** Service-specific facts worth keeping: correlationId, requestId, trid, errno, the request. A redacted copy. */
  get details(): Readonly<Record<string, unknown>> | undefined {
    return this.#kept?.details;
  }

  /** A redacted, bounded copy of what was received. */
  get received(): unknown {
    return this.#kept?.received;
  }

  /**
   * A copy with more context: the client adds attempts and elapsed time, or a retry hint. The
   * copy shares this error's already redacted fields; only new secrets mean redacting again.
   * An error the retry engine built without a stack gets one here: this is the error callers see.
   */
  with(extra: Partial<Pick<GameServiceErrorInit<S>, 'attempts' | 'elapsedMs' | 'retryAfterMs' | 'secrets'>>): GameServiceError<S> {
    const defined = pickDefined(extra);
    if (extra.secrets !== undefined && extra.secrets.length > 0) {
      const copy = new GameServiceError<S>({ ...this.toInit(), ...defined, secrets: extra.secrets, cause: this.cause });
      const { stack } = this;
      if (!this.#stackless && stack !== undefined) copy.stack = stack;
      return copy;
    }
    const init = { ...this.#ownFields(), ...defined, [COPY]: { message: this.message, cause: this.cause, kept: this.#kept, stackOf: this.#stackless ? undefined : this } };
    if (!this.#stackless) return new GameServiceError<S>(init);
    // Made without a stack: the copy captures one of its own, and shows this error's message.
    return buildWithStack(() => new GameServiceError<S>(init));
  }

  #ownFields(): GameServiceErrorInit<S> {
    return {
      service: this.service,
      code: this.code,
      codeName: this.codeName,
      category: this.category,
      retry: this.retry,
      description: this.description,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      attempts: this.attempts,
      elapsedMs: this.elapsedMs,
    };
  }

  /** The fields this error was built from, for copies. */
  toInit(): GameServiceErrorInit<S> {
    return { ...this.#ownFields(), details: this.details, received: this.received, cause: this.cause };
  }

  /** The error as JSON: every field set, the cause chain as plain objects; everything redacted, nothing undefined. */
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

  /**
   * What console.log and util.inspect show: the stack, then every field that has a value (none
   * that is undefined), the kept copies included.
   */
  [INSPECT](depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    const stack = this.stack ?? `${this.name}: ${this.message}`;
    if (depth < 0) return `[${stack.split('\n', 1)[0] ?? this.name}]`;
    const shown: Record<string, unknown> = {};
    for (const key of SHOWN) {
      const value = this[key];
      if (value !== undefined) shown[key] = value;
    }
    // The fields sit where an error's own properties would: at the error's own depth.
    return `${stack} ${inspect(shown, { ...options, depth })}`;
  }
}

Object.defineProperty(GameServiceError.prototype, 'name', { value: 'GameServiceError', writable: true, configurable: true, enumerable: false });
Object.defineProperty(GameServiceError.prototype, BRAND, { value: true });

/** Runs `build` with stacks captured, even inside buildWithoutStack. */
function buildWithStack<T>(build: () => T): T {
  const outer = stackless;
  stackless = 0;
  try {
    return build();
  } finally {
    stackless = outer;
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
