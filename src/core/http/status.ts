import type { Category } from '../category.ts';

/** What an HTTP status alone says about a failure. */
export interface StatusMeaning {
  readonly category: Category;
  readonly description: string;
}

/**
 * The category an HTTP status suggests when the service sent no code of its own, or a code the
 * catalog lacks. One table for every HTTP service. 502-504 and Cloudflare's 520-530 are
 * temporary, as nxapi treats them; a 503 that speaks of maintenance is read as maintenance.
 */
export const HTTP_STATUS_MEANINGS: Readonly<Record<number, StatusMeaning>> = {
  400: { category: 'invalid-request', description: 'HTTP 400 Bad Request: the service could not accept the request as sent.' },
  401: { category: 'unauthenticated', description: 'HTTP 401 Unauthorized: credentials are missing or were rejected.' },
  402: { category: 'forbidden', description: 'HTTP 402 Payment Required: the account may not use this.' },
  403: { category: 'forbidden', description: 'HTTP 403 Forbidden: signed in, but not allowed to do this.' },
  404: { category: 'not-found', description: 'HTTP 404 Not Found: the resource does not exist.' },
  405: { category: 'unsupported', description: 'HTTP 405 Method Not Allowed: the resource does not support this method.' },
  406: { category: 'invalid-request', description: 'HTTP 406 Not Acceptable: no answer in an accepted format.' },
  407: { category: 'unauthenticated', description: 'HTTP 407 Proxy Authentication Required: a proxy rejected the request.' },
  408: { category: 'timeout', description: 'HTTP 408 Request Timeout: the service gave up waiting for the request.' },
  409: { category: 'conflict', description: 'HTTP 409 Conflict: the request conflicts with the current state.' },
  410: { category: 'not-found', description: 'HTTP 410 Gone: the resource no longer exists.' },
  411: { category: 'invalid-request', description: 'HTTP 411 Length Required: the request lacks a length.' },
  412: { category: 'conflict', description: 'HTTP 412 Precondition Failed: the state changed since it was last read.' },
  413: { category: 'invalid-request', description: 'HTTP 413 Content Too Large: the request body is too large.' },
  414: { category: 'invalid-request', description: 'HTTP 414 URI Too Long: the request URL is too long.' },
  415: { category: 'invalid-request', description: 'HTTP 415 Unsupported Media Type: the request body has the wrong type.' },
  422: { category: 'invalid-request', description: 'HTTP 422 Unprocessable Content: the request breaks a rule of the service.' },
  423: { category: 'conflict', description: 'HTTP 423 Locked: the resource is locked.' },
  425: { category: 'unavailable', description: 'HTTP 425 Too Early: the service will not process the request yet.' },
  426: { category: 'outdated-client', description: 'HTTP 426 Upgrade Required: the client is too old for the service.' },
  428: { category: 'invalid-request', description: 'HTTP 428 Precondition Required: the request must be conditional.' },
  429: { category: 'rate-limited', description: 'HTTP 429 Too Many Requests: slow down and try again later.' },
  431: { category: 'invalid-request', description: 'HTTP 431 Request Header Fields Too Large.' },
  451: { category: 'forbidden', description: 'HTTP 451 Unavailable For Legal Reasons.' },
  499: { category: 'cancelled', description: 'HTTP 499 Client Closed Request: the request was cancelled.' },
  500: { category: 'server-error', description: 'HTTP 500 Internal Server Error: the service failed unexpectedly.' },
  501: { category: 'unsupported', description: 'HTTP 501 Not Implemented: the service does not support this.' },
  502: { category: 'unavailable', description: 'HTTP 502 Bad Gateway: a proxy got no valid answer from the service.' },
  503: { category: 'unavailable', description: 'HTTP 503 Service Unavailable: the service is overloaded or down for a while.' },
  504: { category: 'unavailable', description: 'HTTP 504 Gateway Timeout: a proxy got no answer from the service in time.' },
  505: { category: 'unsupported', description: 'HTTP 505 HTTP Version Not Supported.' },
  507: { category: 'server-error', description: 'HTTP 507 Insufficient Storage: the service cannot store the result.' },
  508: { category: 'server-error', description: 'HTTP 508 Loop Detected: the service failed while processing the request.' },
  511: { category: 'network', description: 'HTTP 511 Network Authentication Required: a captive portal is in the way.' },
  520: { category: 'server-error', description: 'HTTP 520 (Cloudflare): the service answered with something unexpected.' },
  521: { category: 'unavailable', description: 'HTTP 521 (Cloudflare): the service is down.' },
  522: { category: 'unavailable', description: 'HTTP 522 (Cloudflare): the connection to the service timed out.' },
  523: { category: 'unavailable', description: 'HTTP 523 (Cloudflare): the service is unreachable.' },
  524: { category: 'unavailable', description: 'HTTP 524 (Cloudflare): the service did not answer in time.' },
  529: { category: 'unavailable', description: 'HTTP 529: the service is overloaded.' },
  530: { category: 'unavailable', description: 'HTTP 530 (Cloudflare): the service could not be reached.' },
  598: { category: 'timeout', description: 'HTTP 598: a proxy timed out reading the answer.' },
  599: { category: 'timeout', description: 'HTTP 599: a proxy timed out connecting to the service.' },
};

const MAINTENANCE: StatusMeaning = {
  category: 'maintenance',
  description: 'HTTP 503 Service Unavailable: the service is down for maintenance.',
};

/** True for a whole number that can be an HTTP status. */
export function isHttpStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** True for a 2xx status. */
export function isSuccessStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status <= 299;
}

/**
 * What an HTTP status says, from the table, else from its class: any other 4xx is a request the
 * service refused, any other 5xx a failure of the service. Informational, success and redirect
 * statuses are not failures, so they say nothing about one.
 */
export function describeStatus(status: number, options: { readonly maintenance?: boolean } = {}): StatusMeaning {
  if (status === 503 && options.maintenance === true) return MAINTENANCE;
  const known = HTTP_STATUS_MEANINGS[status];
  if (known !== undefined) return known;
  if (status >= 400 && status <= 499) return { category: 'invalid-request', description: `HTTP ${status}: the service refused the request.` };
  if (status >= 500 && status <= 599) return { category: 'server-error', description: `HTTP ${status}: the service failed.` };
  return { category: 'unknown', description: `HTTP ${status} is not a failure status, so it says nothing about what went wrong.` };
}
