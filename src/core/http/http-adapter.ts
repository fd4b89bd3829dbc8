import type { ClassifyContext, HttpAdapter, ResponseSnapshot, SuccessReading } from '../adapter.ts';
import { errorFromCode, errorFromTransport, unknownError } from '../build-error.ts';
import type { CodeEntry } from '../catalog-entry.ts';
import type { Category } from '../category.ts';
import { adoptGameServiceError, Deferred, type GameServiceError } from '../error.ts';
import { keepText, redactHeaders, redactUrl } from '../redact.ts';
import { isError, isObject } from '../safe.ts';
import type { HttpService } from '../service.ts';
import { readTransportFailure } from '../thrown.ts';
import { fromBareBody, fromSnapshot, readHttpAnswer, type HttpAnswer } from './answer.ts';
import { retryAfterFromHeaders } from './retry-after.ts';
import { describeStatus, type StatusMeaning } from './status.ts';

/** What a service reader found: the service's code, and what is known about it. */
export interface CodeReading {
  readonly code: string;
  /** The catalog's entry for the code, when it has one. */
  readonly entry?: CodeEntry | undefined;
  /** For a code the catalog lacks: what its range or the HTTP status suggests. */
  readonly fallback?: StatusMeaning | undefined;
  /** Service facts worth keeping: correlationId, requestId, title, ... */
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  /** The HTTP status a bare body reports about itself (a problem document's `status`). */
  readonly status?: number | undefined;
}

/** How a 2xx answer reads, before a failure becomes an error. */
export type SuccessOutcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'pending' }
  | { readonly kind: 'failure' };

/** The part of an HTTP adapter that knows one service's wire format. */
export interface HttpServiceReader<S extends HttpService> {
  readonly service: S;
  /**
   * The code an HTTP answer carries: from its body, else from its status. Undefined only when
   * neither says anything (a bare body with no code in it).
   */
  readAnswer(answer: HttpAnswer): CodeReading | undefined;
  /** A code or name given alone: '9404', 16001, 'LobbyFull'. Objects and other text are read as bodies. */
  readValue(raw: string | number): CodeReading | undefined;
  /** Whether a 2xx answer is a success, still pending, or a failure in disguise. */
  readSuccess(answer: HttpAnswer): SuccessOutcome;
  /** True when `readSuccess` never needs the body to tell success from failure. @default false */
  readonly successFromStatus?: boolean | undefined;
}

/** What an error keeps of an answer: headers redacted by name, the URL's user info and secret parameters masked. */
function keptAnswer(answer: HttpAnswer, secrets: readonly string[] | undefined): Readonly<Record<string, unknown>> {
  const { url } = answer.received;
  return {
    ...answer.received,
    ...(answer.headers === undefined ? {} : { headers: redactHeaders(answer.headers, secrets) }),
    ...(typeof url === 'string' && url.length > 0 ? { url: redactUrl(url, secrets) } : {}),
  };
}

const UNREADABLE = 'The value could not be read safely, so nothing could be classified from it.';

/** Fields in which the services put their own words about a failure, most specific first. */
const SAID_FIELDS = ['detail', 'errorMessage', 'message', 'desc', 'title'] as const;
const SAID_CHARS = 300;

/** For a code the catalog lacks, the service's own words are the best description there is. */
function withWhatWasSaid(description: string, details: Readonly<Record<string, unknown>> | undefined, secrets: readonly string[] | undefined): string {
  for (const field of SAID_FIELDS) {
    const said = details?.[field];
    // Redacted before it is cut, so no secret straddling the cut survives in part.
    if (typeof said === 'string' && said.trim() !== '') return `${description} The service said: "${keepText(said.trim(), SAID_CHARS, secrets)}"`;
  }
  return description;
}

/**
 * What the HTTP status proves over the code beside it: 429 says "too many requests" more
 * precisely than a generic failure code, and any failure status says more than a code whose
 * meaning is unknown (Lobby's 0 Unknown sent with a 503).
 */
function provenByStatus(status: number | undefined, codeCategory: Category | undefined): Category | undefined {
  if (status === undefined || status < 400) return undefined;
  if (status === 429 && (codeCategory === undefined || GENERIC_CATEGORIES.has(codeCategory))) return 'rate-limited';
  if (codeCategory === 'unknown') {
    const byStatus = describeStatus(status).category;
    return byStatus === 'unknown' ? undefined : byStatus;
  }
  return undefined;
}

/** Categories of codes that say only "something failed": an HTTP status may say more. */
const GENERIC_CATEGORIES: ReadonlySet<Category> = new Set(['server-error', 'unavailable', 'unknown']);

/**
 * An HTTP adapter from a service reader. The order of reading is the same for every HTTP
 * service: an HTTP answer (ky's HTTPError, a Response, a snapshot), then a transport failure,
 * then a code, name or bare body. It never throws, whatever it is given.
 */
export function createHttpAdapter<S extends HttpService>(reader: HttpServiceReader<S>): HttpAdapter<S> {
  const { service } = reader;

  const fromAnswer = (answer: HttpAnswer, reading: CodeReading | undefined, raw: unknown, context: ClassifyContext | undefined): GameServiceError<S> => {
    if (reading === undefined) return unknownError(service, raw, context);
    const secrets = context?.secrets;
    const codeCategory = reading.entry?.category ?? reading.fallback?.category;
    return errorFromCode(
      service,
      {
        code: reading.code,
        entry: reading.entry,
        fallback: reading.fallback === undefined ? undefined : { ...reading.fallback, description: withWhatWasSaid(reading.fallback.description, reading.details, secrets) },
        proven: provenByStatus(answer.status ?? reading.status, codeCategory),
        status: answer.status ?? reading.status,
        retryAfterMs: retryAfterFromHeaders(answer.headers, context?.now),
        details: reading.details,
        // Built only if the error's copy of what it received is read: a retried failure never is.
        received: new Deferred(() => keptAnswer(answer, secrets)),
        cause: answer.cause,
      },
      context?.request === undefined && answer.request !== undefined ? { ...context, request: answer.request } : context,
    );
  };

  const classify = (raw: unknown, context?: ClassifyContext): GameServiceError<S> => {
    try {
      const own = adoptGameServiceError(raw, service, context?.secrets);
      if (own !== undefined) return own;
      const answer = readHttpAnswer(raw);
      if (answer !== undefined) return fromAnswer(answer, reader.readAnswer(answer), raw, context);
      const failure = readTransportFailure(raw);
      if (failure !== undefined) return errorFromTransport(service, failure, raw, context);
      if (typeof raw === 'string' || typeof raw === 'number') {
        const reading = reader.readValue(raw);
        if (reading !== undefined) return errorFromCode(service, { ...reading, received: raw }, context);
      }
      // A body given alone: a Coral `{"status": 9404}`, a KGResult, a problem document, plain text.
      if (typeof raw === 'string' || (isObject(raw) && !isError(raw))) {
        const body = fromBareBody(raw);
        return fromAnswer(body, reader.readAnswer(body), raw, context);
      }
      return unknownError(service, raw, context);
    } catch {
      return unknownError(service, undefined, context, UNREADABLE);
    }
  };

  const readSuccess = (snapshot: ResponseSnapshot, context?: ClassifyContext): SuccessReading<S> => {
    try {
      const answer = fromSnapshot(snapshot);
      const outcome = reader.readSuccess(answer);
      if (outcome.kind !== 'failure') return outcome;
      return { kind: 'failure', error: fromAnswer(answer, reader.readAnswer(answer), snapshot, context) };
    } catch {
      return { kind: 'failure', error: unknownError(service, undefined, context, UNREADABLE) };
    }
  };

  return { service, classify, readSuccess, successFromStatus: reader.successFromStatus === true };
}
