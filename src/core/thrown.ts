import type { RetryAdvice } from './category.ts';
import { isObject, safeGet, safeString } from './safe.ts';

/**
 * A transport failure that the same request meets again however often it is sent:
 * - `tls-certificate`: the server's certificate could not be trusted (expired, self-signed, for
 *   another name, ...). Category `network`, since no connection to a service the client can trust
 *   was made — on a player's machine most often a captive portal or an intercepting proxy, else
 *   the service's own certificate — but never retried: only fixing the certificate, the clock or
 *   the trust store helps.
 * - `redirect-loop`: the answer kept redirecting (fetch follows 20 redirects, then gives up).
 *   Category `server-error`: the service, or what stands in front of it, is misconfigured.
 * - `headers-too-large`: the answer's headers are over the HTTP client's limit, so it could not be
 *   read. Category `server-error`: the same answer comes back every time.
 * - `unsupported-scheme`: the URL is not http(s) (`ftp:`, `file:`, `javascript:`). Category
 *   `invalid-request`: a bug in the caller.
 */
export type PermanentTransportFailure = 'tls-certificate' | 'redirect-loop' | 'headers-too-large' | 'unsupported-scheme';

/** A failure below the service: no answer was read, so no service code exists. */
export interface TransportFailure {
  readonly category: 'network' | 'timeout' | 'cancelled' | 'server-error' | 'invalid-request';
  readonly code: 'NETWORK' | 'TIMEOUT' | 'CANCELLED' | 'UNKNOWN';
  readonly retry: RetryAdvice;
  /** The system or undici error code found in the cause chain: ECONNRESET, UND_ERR_SOCKET, ... */
  readonly errno?: string;
  /** True when the request provably never left: nothing can have been processed, so any method may retry. */
  readonly notSent: boolean;
  /** Set for a failure that sending again cannot cure: what it is. */
  readonly permanent?: PermanentTransportFailure;
  readonly description: string;
}

const CAUSE_DEPTH = 6;

/** Connection never established: the service cannot have seen the request. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const NETWORK = new Set([
  'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENETDOWN', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_ABORTED', 'ERR_STREAM_PREMATURE_CLOSE',
  ...NOT_SENT,
]);

/**
 * The certificate verification failures of Node's TLS (OpenSSL's X509_V_ERR names, as
 * `tls.TLSSocket` reports them) and its host name check: none is cured by connecting again.
 */
export const TLS_CERTIFICATE_ERRORS: readonly string[] = [
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_CRL', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE', 'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_TLS_CERT_ALTNAME_FORMAT',
];
const TLS_CERTIFICATE = new Set(TLS_CERTIFICATE_ERRORS);

const DESCRIPTIONS = {
  network: 'The request did not reach the service, or the connection dropped before an answer arrived.',
  timeout: 'The service did not answer in time.',
  cancelled: 'The request was cancelled before it finished.',
} as const;

const PERMANENT: Readonly<Record<PermanentTransportFailure, { readonly category: TransportFailure['category']; readonly code: TransportFailure['code']; readonly notSent: boolean; readonly description: string }>> = {
  'tls-certificate': {
    category: 'network',
    code: 'NETWORK',
    notSent: true,
    description: 'The server\'s TLS certificate could not be trusted, so nothing was sent. Sending again will not help: the certificate (or the clock, or the trusted certificates, or a proxy or captive portal in the way) must be fixed first.',
  },
  'redirect-loop': {
    category: 'server-error',
    code: 'NETWORK',
    notSent: false,
    description: 'The answer kept redirecting, past the 20 redirects fetch follows. Sending again will meet the same loop.',
  },
  'headers-too-large': {
    category: 'server-error',
    code: 'NETWORK',
    notSent: false,
    description: 'The answer\'s headers are larger than the HTTP client reads, so the answer could not be read. Sending again will get the same answer.',
  },
  'unsupported-scheme': {
    category: 'invalid-request',
    code: 'UNKNOWN',
    notSent: true,
    description: 'The URL is not http or https, so nothing was sent: the prefix or the URL of the request is wrong.',
  },
};

function failure(category: 'network' | 'timeout' | 'cancelled', errno: string | undefined): TransportFailure {
  const code = category === 'network' ? 'NETWORK' : category === 'timeout' ? 'TIMEOUT' : 'CANCELLED';
  return {
    category,
    code,
    retry: category === 'cancelled' ? 'never' : 'backoff',
    ...(errno === undefined ? {} : { errno }),
    notSent: errno !== undefined && NOT_SENT.has(errno),
    description: errno === undefined ? DESCRIPTIONS[category] : `${DESCRIPTIONS[category]} (${errno})`,
  };
}

function permanentFailure(permanent: PermanentTransportFailure, errno: string | undefined): TransportFailure {
  const known = PERMANENT[permanent];
  return {
    category: known.category,
    code: known.code,
    retry: 'never',
    ...(errno === undefined ? {} : { errno }),
    notSent: known.notSent,
    permanent,
    description: errno === undefined ? known.description : `${known.description} (${errno})`,
  };
}

/** What undici says, in the messages of a cause chain, for failures it gives no code. */
const REDIRECT_LOOP = /^redirect count exceeded$/i;
const UNKNOWN_SCHEME = /^(?:unknown scheme|not implemented\.\.\. yet\.\.\.|URL scheme must be a HTTP\(S\) scheme)$/i;

/** A permanent failure named along a cause chain, by code or by undici's message. */
function findPermanent(value: unknown, errno: string | undefined, depth = 0): PermanentTransportFailure | undefined {
  if (errno !== undefined) {
    if (TLS_CERTIFICATE.has(errno)) return 'tls-certificate';
    if (errno === 'UND_ERR_HEADERS_OVERFLOW' || errno === 'HPE_HEADER_OVERFLOW') return 'headers-too-large';
  }
  if (!isObject(value) || depth > CAUSE_DEPTH) return undefined;
  const message = safeString(value, 'message') ?? '';
  if (REDIRECT_LOOP.test(message)) return 'redirect-loop';
  if (UNKNOWN_SCHEME.test(message)) return 'unsupported-scheme';
  return findPermanent(safeGet(value, 'cause'), undefined, depth + 1);
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
  const permanent = findPermanent(raw, errno);
  if (permanent !== undefined) return permanentFailure(permanent, errno);
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
