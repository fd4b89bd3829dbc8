import type { Adapter, ClassifyContext, HttpAdapter } from './core/adapter.ts';
import { unknownError } from './core/build-error.ts';
import { asCode } from './core/codes.ts';
import { GameServiceError } from './core/error.ts';
import { isFetchResponse } from './core/http/answer.ts';
import { snapshotResponse, type BodyReadBounds } from './core/http/read-response.ts';
import { HTTP_LIMITS } from './core/http/limits.ts';
import { isHttpStatus } from './core/http/status.ts';
import { isError, safeGet } from './core/safe.ts';
import { HTTP_SERVICES, SERVICES, isService, type HttpService, type Service } from './core/service.ts';
import { httpRegistry, registry, type ClassifyContextOf } from './services/registry.ts';

/** Every service's adapter, by service. */
export const adapters: { readonly [S in Service]: Adapter<S> } = adaptersOf(registry);

/** The adapters of the services that answer over HTTP, which also read 2xx answers. */
export const httpAdapters: { readonly [S in HttpService]: HttpAdapter<S> } = adaptersOf(httpRegistry);

function adaptersOf<K extends Service, D extends { readonly [S in K]: { readonly adapter: unknown } }>(definitions: D): { readonly [S in K]: D[S]['adapter'] } {
  // Object.fromEntries cannot pair each key with its own value's type; the map is built from the same keys.
  return Object.freeze(Object.fromEntries(Object.entries(definitions).map(([service, definition]) => [service, (definition as D[K]).adapter]))) as { readonly [S in K]: D[S]['adapter'] };
}

const OPAQUE = 'The response has no status (an opaque answer), so nothing can be read from it.';

function adapterFor<S extends Service>(service: S): Adapter<S> | undefined {
  return isService(service) ? adapters[service] : undefined;
}

function describeService(service: unknown): string {
  if (typeof service === 'string') return service.slice(0, 64);
  return `(${typeof service})`;
}

/**
 * The error for a call naming no known service: a bug in the caller, so `invalid-request`,
 * never retried. It carries the name it was given as its `service`, so it can be reported.
 */
function unknownServiceError<S extends Service>(service: S, raw: unknown, context: ClassifyContext | undefined): GameServiceError<S> {
  const name = describeService(service);
  return new GameServiceError<S>({
    service: name as S,
    code: asCode(service, 'UNKNOWN'),
    category: 'invalid-request',
    retry: 'never',
    description: `"${name}" is not a service extralife knows; expected one of: ${SERVICES.join(', ')}.`,
    details: { service: name, services: SERVICES },
    cause: isError(raw) ? raw : undefined,
    received: isError(raw) ? undefined : raw,
    secrets: context?.secrets,
  });
}

/**
 * Reads any raw failure of a service as a GameServiceError: a thrown value (fetch TypeError,
 * ky's errors, AbortError), a response snapshot or ky HTTPError, a code or name, a service
 * body, an RMC frame, a protocol line. Never throws, whatever it is given; an unknown service
 * gives an `invalid-request` error. A fetch Response is read from its status and headers only,
 * as reading its body takes time: {@link classifyResponse} reads the body too.
 * The context may say more for some services: `{ connection: 'switchboard' }` for MSNP, `{ bodyResult: true }` for NEX.
 * @example classify('coral', { status: 200, body: { status: 9404, errorMessage: 'Token expired.' } }).category === 'token-expired'
 * @example classify('lobby', 16004).codeName === 'LobbyFull'
 * @example classify('msnp', '911 20\r\n', { connection: 'switchboard' }).category === 'token-expired'
 */
export function classify<S extends Service>(service: S, raw: unknown, context?: ClassifyContextOf<S>): GameServiceError<S> {
  const adapter = adapterFor(service);
  // Every service's context is a ClassifyContext with more fields, which its own adapter reads.
  const given = context as ClassifyContext | undefined;
  if (adapter === undefined) return unknownServiceError(service, raw, given);
  return adapter.classify(raw, given);
}

/** The body's read bounds from a caller's context, read safely: a bad value means the default. */
function readBounds(context: ClassifyResponseContext | undefined): BodyReadBounds {
  // Checked as unknown: JavaScript callers reach here with anything.
  const given: unknown = context;
  if (typeof given !== 'object' || given === null) return {};
  const timeoutMs = safeGet(given, 'timeoutMs');
  const signal = safeGet(given, 'signal');
  return {
    timeoutMs: typeof timeoutMs === 'number' && timeoutMs >= 0 ? timeoutMs : undefined,
    signal: typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal ? signal : undefined,
  };
}

/** What classifyResponse can be told: a ClassifyContext, and how long its body may take to read. */
export interface ClassifyResponseContext extends ClassifyContext {
  /** Milliseconds the body may take to read; then the answer is classified from what came. @default 10_000 */
  readonly timeoutMs?: number | undefined;
  /** Stops reading the body when it aborts; the answer is classified from what came. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Reads a fetch Response as a GameServiceError: its status, headers and body (read up to a
 * size cap and for at most `timeoutMs`, 10 s by default; a body that fails to read or stops
 * coming still classifies from the status and what came). Never rejects. For NEX and MSNP,
 * whose answers are not HTTP, the body text is what is classified.
 */
export async function classifyResponse<S extends Service>(service: S, response: Response, context?: ClassifyResponseContext): Promise<GameServiceError<S>> {
  const adapter = adapterFor(service);
  if (adapter === undefined) return unknownServiceError(service, response, context);
  if (!isFetchResponse(response)) return adapter.classify(response, context);
  try {
    const snapshot = await snapshotResponse(response, HTTP_LIMITS.readBytes, readBounds(context));
    if (!(HTTP_SERVICES as readonly Service[]).includes(service)) return adapter.classify(snapshot.body, context);
    if (!isHttpStatus(snapshot.status)) {
      // Status 0: Response.error() is a failed fetch; an opaque answer cannot be read at all.
      const type = safeGet(response, 'type');
      return type === 'error' ? adapter.classify(new TypeError('Failed to fetch'), context) : unknownError(service, undefined, context, OPAQUE);
    }
    return adapter.classify(snapshot, context);
  } catch (error) {
    return adapter.classify(error, context);
  }
}
