import { isNullBodyStatus, reasonPhrase } from './http-status.ts';

/**
 * Answers that are not the service speaking: a dropped connection, a proxy's HTML page, a body
 * cut off midway. Under msw they surface as fetch does with a real network; behind the loopback
 * server they are real (a socket reset, a short body).
 */

interface Truncation {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
  readonly keep: number;
}

// Marks truncated answers so the loopback server can cut the real socket at the same byte.
const truncations = new WeakMap<Response, Truncation>();

/**
 * Runs a callback after the bytes already queued have reached the reader. msw writes a mocked
 * body to its socket on later ticks: failing the stream at once would drop the status line
 * too. process.nextTick is used where there is one because fake timers leave it alone.
 */
function afterQueuedBytes(callback: () => void): void {
  const nextTick = (globalThis as { process?: { nextTick?: (callback: () => void) => void } }).process?.nextTick;
  if (typeof nextTick !== 'function') {
    setTimeout(callback, 0);
    return;
  }
  nextTick(() => {
    nextTick(callback);
  });
}

/** The truncation a response was built with, if it was built by {@link truncatedResponse}. */
export function truncationOf(response: Response): Truncation | undefined {
  return truncations.get(response);
}

/**
 * A network failure: the connection is refused or reset before any answer. Under msw, fetch
 * rejects with a TypeError; the loopback server resets the socket.
 *
 * @example
 * sequence([networkError(), serviceSuccess('lobby', {})]);
 */
export function networkError(): Response {
  return Response.error();
}

function proxyPage(status: number): Response {
  const title = `${String(status)} ${reasonPhrase(status)}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(html, { status, statusText: reasonPhrase(status), headers: { 'content-type': 'text/html', server: 'nginx' } });
}

/**
 * The HTML page a reverse proxy sends when the service behind it fails: 502 Bad Gateway.
 *
 * @example
 * const response = badGatewayPage(); // 502, content-type text/html, an nginx error page
 */
export function badGatewayPage(): Response {
  return proxyPage(502);
}

/**
 * The HTML page a reverse proxy sends when no backend is up: 503 Service Unavailable.
 *
 * @example
 * const response = unavailablePage(); // 503, content-type text/html
 */
export function unavailablePage(): Response {
  return proxyPage(503);
}

/**
 * An answer whose body stops after `keepBytes` of `body` while `content-length` promises all
 * of it: reading the body fails with `TypeError: terminated`, as fetch does when a connection
 * drops mid-body. The loopback server sends exactly those bytes and then resets the socket.
 *
 * @param keepBytes how much of the body arrives. @default half of it
 * @example
 * truncatedResponse('{"status":0,"result":{"friends":[', { status: 200 }, 10);
 */
export function truncatedResponse(body: string | Uint8Array, init: { status?: number; headers?: HeadersInit } = {}, keepBytes?: number): Response {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const keep = Math.max(0, Math.min(bytes.length, Math.floor(keepBytes ?? bytes.length / 2)));
  const status = init.status ?? 200;
  const headers = new Headers(init.headers);
  if (isNullBodyStatus(status)) return new Response(null, { status, statusText: reasonPhrase(status), headers });
  headers.set('content-length', String(bytes.length));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (keep > 0) controller.enqueue(bytes.slice(0, keep));
      afterQueuedBytes(() => {
        controller.error(new TypeError('terminated'));
      });
    },
  });
  const response = new Response(stream, { status, statusText: reasonPhrase(status), headers });
  truncations.set(response, { status, headers, bytes, keep });
  return response;
}

/**
 * The same answer cut in half: status and headers kept, the body stops midway.
 * @example
 * const fake: Responder = async () => truncate(serviceSuccess('coral', { friends: [] }));
 */
export async function truncate(response: Response): Promise<Response> {
  if (response.type === 'error') return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  return truncatedResponse(bytes, { status: response.status, headers: response.headers });
}

/**
 * A copy that can be read again, for answers scripted once and sent many times. A truncated
 * answer is rebuilt (its body stream cannot be cloned into a fresh failure).
 */
export function copyAnswer(response: Response): Response {
  const truncation = truncations.get(response);
  if (truncation !== undefined) return truncatedResponse(truncation.bytes, { status: truncation.status, headers: truncation.headers }, truncation.keep);
  if (response.type === 'error') return Response.error();
  return response.clone();
}
