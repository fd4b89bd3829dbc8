/**
 * Reason phrases for the statuses the fakes send, for RFC 7807 titles and the loopback
 * server's status line. Kakao's own statuses (461, 473, 483, 493) have no standard phrase.
 */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** 'Not Found' for 404; 'Error' or 'OK' for a status without a standard phrase. */
export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status < 400 ? 'OK' : 'Error');
}

/** Statuses whose responses carry no body (fetch refuses one). */
export function isNullBodyStatus(status: number): boolean {
  return status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
}
