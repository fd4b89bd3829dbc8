import { isObject, safeGet, safeString } from './safe.ts';

/** A failure below the service: no answer was read, so no service code exists. */
export interface TransportFailure {
  readonly category: 'network' | 'timeout' | 'cancelled';
  readonly code: 'NETWORK' | 'TIMEOUT' | 'CANCELLED';
  /** The system or undici error code found in the cause chain: ECONNRESET, UND_ERR_SOCKET, ... */
  readonly errno?: string;
  /** True when the request provably never left: nothing can have been processed, so any method may retry. */
  readonly notSent: boolean;
  readonly description: string;
}

const CAUSE_DEPTH = 6;

/** Connection never established: the service cannot have seen the request. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const NETWORK = new Set([
  'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENETDOWN', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_ABORTED', 'ERR_STREAM_PREMATURE_CLOSE',
  ...NOT_SENT,
]);

const DESCRIPTIONS = {
  network: 'The request did not reach the service, or the connection dropped before an answer arrived.',
  timeout: 'The service did not answer in time.',
  cancelled: 'The request was cancelled before it finished.',
} as const;

function failure(category: TransportFailure['category'], errno: string | undefined): TransportFailure {
  const code = category === 'network' ? 'NETWORK' : category === 'timeout' ? 'TIMEOUT' : 'CANCELLED';
  return {
    category,
    code,
    ...(errno === undefined ? {} : { errno }),
    notSent: errno !== undefined && NOT_SENT.has(errno),
    description: errno === undefined ? DESCRIPTIONS[category] : `${DESCRIPTIONS[category]} (${errno})`,
  };
}

/** The first system or undici error code along a cause chain (AggregateError members included). */
function findErrno(value: unknown, depth = 0): string | undefined {
  if (!isObject(value) || depth > CAUSE_DEPTH) return undefined;
  const code = safeString(value, 'code');
  if (code !== undefined && /^(?:E[A-Z]+|UND_ERR_[A-Z_]+|ERR_[A-Z_]+|[A-Z_]{6,})$/.test(code)) return code;
  const errors = safeGet(value, 'errors');
  if (Array.isArray(errors)) {
    for (const inner of errors.slice(0, 8)) {
      const found = findErrno(inner, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return findErrno(safeGet(value, 'cause'), depth + 1);
}

/**
 * Reads a thrown value as a transport failure: fetch's TypeError and its cause codes, ky's
 * NetworkError and TimeoutError, AbortError, DOMException TimeoutError, Node socket errors.
 * Undefined for anything else (an HTTPError carries an answer; a plain bug is not transport).
 */
export function readTransportFailure(raw: unknown): TransportFailure | undefined {
  if (!isObject(raw)) return undefined;
  const name = safeString(raw, 'name');
  const errno = findErrno(raw);
  if (name === 'AbortError') {
    // An abort whose reason is a timeout (AbortSignal.timeout) is a timeout, not a cancellation.
    return safeString(safeGet(raw, 'cause'), 'name') === 'TimeoutError' ? failure('timeout', errno) : failure('cancelled', errno);
  }
  if (name === 'TimeoutError') return failure('timeout', errno);
  if (errno !== undefined && TIMEOUTS.has(errno)) return failure('timeout', errno);
  if (name === 'NetworkError') return failure('network', errno);
  if (errno !== undefined && NETWORK.has(errno)) return failure('network', errno);
  const message = safeString(raw, 'message') ?? '';
  // undici's "fetch failed" and "terminated" (a body cut off mid-way) carry no code of their own.
  if (name === 'TypeError' && /^(?:fetch failed|terminated|network error|failed to fetch|load failed|networkerror when attempting to fetch resource\.?)$/i.test(message)) {
    return failure('network', errno);
  }
  return undefined;
}

/** Longest reason a thrown value's own message gives an unclassified error: one line of it. */
const REASON_CHARS = 300;

/**
 * What a thrown Error says about itself, for the message of an error nothing could classify: its
 * `name: message` (the first line). The error's constructor redacts it with the rest of the
 * description. A string is left out: it is the raw answer itself (a protocol line), kept apart.
 */
export function thrownReason(raw: unknown): string | undefined {
  const text = isObject(raw) ? errorText(raw) : undefined;
  if (text === undefined) return undefined;
  const line = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (line === '') return undefined;
  return line.length > REASON_CHARS ? `${line.slice(0, REASON_CHARS)}…` : line;
}

function errorText(raw: object): string | undefined {
  const message = safeString(raw, 'message');
  if (message === undefined || message === '') return undefined;
  const name = safeString(raw, 'name');
  return name === undefined || name === '' ? message : `${name}: ${message}`;
}
