import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { truncationOf } from './faults.ts';
import { isNullBodyStatus, reasonPhrase } from './http-status.ts';
import { answer, type Responder } from './responder.ts';

/**
 * A running loopback server.
 * @example
 * const server: LoopbackServer = await startLoopbackServer(fake);
 * await fetch(`${server.url}/v3/Friend/List`, { method: 'POST' });
 * await server.close();
 */
export interface LoopbackServer {
  /** Its origin, `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Stops listening and drops open connections; resolves once the server is closed. */
  close(): Promise<void>;
}

/**
 * Options of {@link startLoopbackServer}.
 * @example
 * await startLoopbackServer(fake, { port: 8787 });
 */
export interface LoopbackOptions {
  /** The port to listen on. @default 0, any free port */
  readonly port?: number | undefined;
}

// Hop-by-hop headers belong to one connection, not to the request a responder sees.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? '';
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, raw[index + 1] ?? '');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const method = incoming.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' || chunks.length === 0 ? null : Buffer.concat(chunks);
  return new Request(new URL(incoming.url ?? '/', origin), { method, headers, body });
}

function outgoingHeaders(headers: Headers): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of headers) if (name !== 'set-cookie' && !HOP_BY_HOP.has(name)) out[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}

async function send(incoming: IncomingMessage, outgoing: ServerResponse, response: Response): Promise<void> {
  if (response.type === 'error') {
    // A real reset (RST), as a dropped connection looks to the client.
    incoming.socket.resetAndDestroy();
    return;
  }
  const truncation = truncationOf(response);
  if (truncation !== undefined) {
    outgoing.writeHead(truncation.status, reasonPhrase(truncation.status), { ...outgoingHeaders(truncation.headers), 'content-length': truncation.bytes.length });
    // The promised length never arrives: the connection closes after the bytes kept.
    outgoing.write(truncation.bytes.slice(0, truncation.keep), () => incoming.socket.destroy());
    return;
  }
  const status = response.status;
  const bodyless = isNullBodyStatus(status) || incoming.method === 'HEAD';
  const body = bodyless ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  const headers = outgoingHeaders(response.headers);
  if (!bodyless) headers['content-length'] = body.length;
  outgoing.writeHead(status, response.statusText || reasonPhrase(status), headers);
  outgoing.end(bodyless ? undefined : body);
}

async function handle(responder: Responder, origin: string, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  try {
    const request = await toRequest(incoming, origin);
    await send(incoming, outgoing, await answer(responder, request));
  } catch {
    // A body that failed to read or write: the client sees the connection drop.
    incoming.socket.destroy();
  }
}

/**
 * Serves a responder on 127.0.0.1 with node:http, so a client is tested over a real socket:
 * real status lines and headers, a real connection reset for `networkError()`, a real short
 * body for `truncatedResponse()`. Rejects only when the port cannot be bound.
 *
 * @example
 * const server = await startLoopbackServer(rateLimit({ service: 'lobby', limit: 2, windowMs: 6_000 }));
 * try {
 *   const response = await fetch(`${server.url}/v1/lobbies/query`, { method: 'POST' });
 * } finally {
 *   await server.close();
 * }
 */
export function startLoopbackServer(responder: Responder, options: LoopbackOptions = {}): Promise<LoopbackServer> {
  return new Promise((resolve, reject) => {
    let origin = 'http://127.0.0.1';
    const server = createServer((incoming, outgoing) => {
      void handle(responder, origin, incoming, outgoing);
    });
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
      resolve({
        url: origin,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}
