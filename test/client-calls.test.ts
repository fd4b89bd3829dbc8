import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../src/client/body.ts';
import { createClient } from '../src/create-client.ts';
import type { ClientOptions } from '../src/client/types.ts';
import type { HttpService } from '../src/core/service.ts';

/*
 * Call semantics over real sockets: node:http on 127.0.0.1, a free port, every server closed
 * after its test. Bodies that never end are written as the socket drains, so nothing here waits
 * on a clock.
 */

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

interface Server {
  readonly url: string;
  readonly requests: Seen[];
  /** Resolves at the next request the server sees. */
  nextRequest(): Promise<Seen>;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Server> {
  const requests: Seen[] = [];
  let waiting: ((seen: Seen) => void)[] = [];
  const server = createServer((request, response) => {
    const seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers };
    requests.push(seen);
    const resolve = waiting;
    waiting = [];
    for (const notify of resolve) notify(seen);
    handler(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return (_request: IncomingMessage, response: ServerResponse) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    response.end(text);
  };
}

/** A 2xx whose body never ends: a chunk written each time the socket drains, until it closes. */
function endless(status = 200, contentType = 'application/json') {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { 'content-type': contentType });
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
    };
    response.on('drain', pump);
    request.socket.on('close', () => response.off('drain', pump));
    response.write('{"a":"');
    pump();
  };
}

function client<S extends HttpService>(service: S, server: Server, options: Omit<ClientOptions<S>, 'service'> = {}) {
  return createClient<S>({ service, prefix: server.url, retry: { backoff: { baseMs: 1, capMs: 2 }, maxRetryAfter: 20 }, ...options });
}

describe('a call is sent when its method is called', () => {
  it('sends a DELETE that is only awaited, once, and gives the Response with its body unread', async () => {
    const server = await serve(json(200, { deleted: true }));
    const result = await client('lobby', server).delete('lobbies/l-1');
    expect(server.requests.map(({ method, url }) => `${method} ${url}`)).toEqual(['DELETE /lobbies/l-1']);
    const response = result._unsafeUnwrap();
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ deleted: true });
  });

  it('is a ResultAsync of the Response: map and match work on it', async () => {
    const server = await serve(json(200, { a: 1 }));
    const lobby = client('lobby', server);
    expect((await lobby.get('x').map((response) => response.status))._unsafeUnwrap()).toBe(200);
    expect(await lobby.head('x').match((response) => response.headers.get('content-type'), (error) => error.category)).toBe('application/json');
    expect(server.requests).toHaveLength(2);
  });

  it('sends a call nobody awaits or reads', async () => {
    const server = await serve(json(204, {}));
    const seen = server.nextRequest();
    void client('lobby', server).post('lobbies/l-1/heartbeat');
    expect(await seen).toMatchObject({ method: 'POST', url: '/lobbies/l-1/heartbeat' });
  });

  it('reads one answer with every body method and the Response, sending once', async () => {
    const server = await serve(json(200, { id: 'l-1', players: 2 }));
    const call = client('lobby', server).get('lobbies/l-1');
    const first = await call.json<{ id: string }>();
    const again = await call.json<{ id: string }>();
    const text = await call.text();
    const bytes = await call.arrayBuffer();
    const blob = await call.blob();
    const response = await call.response();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.accept).toBe('application/json');
    expect(first._unsafeUnwrap()).toEqual({ id: 'l-1', players: 2 });
    // A second read gives what the first gave: the same value, not a new request.
    expect(again._unsafeUnwrap()).toBe(first._unsafeUnwrap());
    expect(text._unsafeUnwrap()).toBe('{"id":"l-1","players":2}');
    expect(new TextDecoder().decode(bytes._unsafeUnwrap())).toBe(text._unsafeUnwrap());
    expect(await blob._unsafeUnwrap().text()).toBe(text._unsafeUnwrap());
    expect(blob._unsafeUnwrap().type).toBe('application/json');
    expect(response._unsafeUnwrap().status).toBe(200);
  });

  it('gives each reader of the bytes a buffer of its own', async () => {
    const server = await serve(json(200, { a: 1 }));
    const call = client('lobby', server).get('x');
    const bytes = (await call.arrayBuffer())._unsafeUnwrap();
    new Uint8Array(bytes).fill(0);
    expect((await call.text())._unsafeUnwrap()).toBe('{"a":1}');
  });

  it('reads the body of an awaited call later, once, from the Response it gave', async () => {
    const server = await serve(json(200, { late: true }));
    const call = client('lobby', server).get('x');
    const response = (await call)._unsafeUnwrap();
    expect(response.bodyUsed).toBe(false);
    expect((await call.json())._unsafeUnwrap()).toEqual({ late: true });
    expect((await call.text())._unsafeUnwrap()).toBe('{"late":true}');
    expect(server.requests).toHaveLength(1);
    // Read late, the body method did not ask for JSON: the request had gone out already.
    expect(server.requests[0]?.headers.accept).not.toBe('application/json');
  });

  it('answers invalid-request when the caller read the Response\'s body before a body method', async () => {
    const server = await serve(json(200, { a: 1 }));
    const call = client('lobby', server).get('x');
    await (await call)._unsafeUnwrap().text();
    const read = await call.json();
    expect(read._unsafeUnwrapErr()).toMatchObject({ category: 'invalid-request', retry: 'never' });
    expect(read._unsafeUnwrapErr().message).toMatch(/already read/);
    expect(server.requests).toHaveLength(1);
  });

  it('gives the same failure to the call and every body method, after its retries', async () => {
    const server = await serve(json(503, { status: 503, title: 'Service Unavailable', code: 16503 }));
    const call = client('lobby', server, { retry: { limit: 2, backoff: { baseMs: 1, capMs: 1 } } }).get('x');
    const [awaited, read, text] = await Promise.all([call, call.json(), call.text()]);
    expect(server.requests).toHaveLength(3);
    expect(awaited._unsafeUnwrapErr()).toBe(read._unsafeUnwrapErr());
    expect(text._unsafeUnwrapErr()).toBe(awaited._unsafeUnwrapErr());
  });

  it('retries a success body cut off mid-way when a body method came with the call', async () => {
    let answered = 0;
    const server = await serve((_request, response) => {
      answered += 1;
      if (answered === 1) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
        response.write('{"cut":', () => response.destroy());
        return;
      }
      json(200, { whole: true })(_request, response);
    });
    const result = await client('lobby', server).get('x').json();
    expect(result._unsafeUnwrap()).toEqual({ whole: true });
    expect(server.requests).toHaveLength(2);
  });

  it('takes an explicit undefined in options as not given', async () => {
    const server = await serve(json(200, { a: 1 }));
    const lobby = client('lobby', server, { timeout: undefined, headers: undefined, hooks: undefined, auth: undefined, maxBodyBytes: undefined });
    const result = await lobby.get('x', { timeout: undefined, retry: undefined, searchParams: undefined, json: undefined, maxBodyBytes: undefined }).json();
    expect(result._unsafeUnwrap()).toEqual({ a: 1 });
  });

  it('sends the token as the preset says when auth gives header and scheme as undefined', async () => {
    const server = await serve(json(200, { a: 1 }));
    const auth = { getToken: () => 'token-1', refreshToken: () => Promise.resolve('token-2'), header: undefined, scheme: undefined };
    expect((await client('lobby', server, { auth }).get('x')).isOk()).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-1');
  });
});

describe('a service that says failure in a 2xx body', () => {
  it('reads Coral\'s body for the verdict but gives the caller a Response whose body is unread', async () => {
    const server = await serve(json(200, { status: 0, result: { id: 7 }, correlationId: 'c-1' }));
    const call = client('coral', server).post('v3/User/ShowSelf');
    const response = (await call)._unsafeUnwrap();
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toMatchObject({ status: 0, result: { id: 7 } });
    // The call's own copy still serves the body methods: Coral's `.json()` is the result.
    expect((await call.json())._unsafeUnwrap()).toEqual({ id: 7 });
    expect(server.requests).toHaveLength(1);
  });

  it('fails an awaited Coral call whose 200 body reports failure', async () => {
    const server = await serve(json(200, { status: 9403, errorMessage: 'Invalid token.', correlationId: 'c-2' }));
    const result = await client('coral', server).post('v3/Friend/List');
    expect(result._unsafeUnwrapErr()).toMatchObject({ service: 'coral', code: '9403', status: 200 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('a service that says failure in a 2xx body, on a body without end', () => {
  it('reads Coral\'s body only up to maxBodyBytes for the verdict, then ends the call', async () => {
    const server = await serve(endless());
    const result = await client('coral', server, { maxBodyBytes: 512 * 1024 }).post('v3/Friend/List');
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'BODY_TOO_LARGE', retry: 'never' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('.response() streams', () => {
  it('settles on an endless body as soon as the headers arrive, the body the caller\'s stream', async () => {
    const server = await serve(endless());
    const response = (await client('lobby', server).get('stream').response())._unsafeUnwrap();
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(first?.done).toBe(false);
    expect(first?.value?.byteLength).toBeGreaterThan(0);
    await reader?.cancel();
  });

  it('settles on an endless body for Companion too, which judges by the status', async () => {
    const server = await serve(endless());
    const result = await client('companion', server).get('market/items/catalog/5');
    const response = result._unsafeUnwrap();
    expect(response.bodyUsed).toBe(false);
    await response.body?.cancel();
  });
});

describe('success bodies are bounded', () => {
  it('ends an endless body read by .json() at maxBodyBytes, with a clear error, not retried', async () => {
    const server = await serve(endless());
    const result = await client('lobby', server, { maxBodyBytes: 1024 * 1024 }).get('stream').json();
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject({ code: 'BODY_TOO_LARGE', category: 'unsupported', retry: 'never', retryable: false, status: 200 });
    expect(error.message).toMatch(/maxBodyBytes/);
    expect(error.details).toMatchObject({ limitBytes: 1024 * 1024 });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a body whose Content-Length is past the bound without reading it', async () => {
    const server = await serve(json(200, { padding: 'x'.repeat(4096) }));
    const result = await client('lobby', server, { maxBodyBytes: 1000 }).get('x').text();
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'BODY_TOO_LARGE', details: { limitBytes: 1000, readBytes: 0 } });
  });

  it('bounds a body read later, and one call\'s bound over the client\'s', async () => {
    const server = await serve(endless(200, 'application/octet-stream'));
    const call = client('lobby', server).get('stream', { maxBodyBytes: 256 * 1024 });
    expect((await call).isOk()).toBe(true);
    const read = await call.arrayBuffer();
    expect(read._unsafeUnwrapErr()).toMatchObject({ code: 'BODY_TOO_LARGE', details: { limitBytes: 256 * 1024 } });
  });

  it('bounds a gzip bomb by what it decodes to, not what it weighs on the wire', async () => {
    // Gzip members in a row decode as one body: 64 of 16 MiB of zeros, about 1 MB on the wire.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const wire = Buffer.concat(Array.from({ length: 64 }, () => member));
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': wire.length });
      response.end(wire);
    });
    const before = process.memoryUsage().rss;
    const result = await client('lobby', server).get('bomb').json();
    const grew = process.memoryUsage().rss - before;
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject({ code: 'BODY_TOO_LARGE', retry: 'never', details: { limitBytes: DEFAULT_MAX_BODY_BYTES } });
    expect(server.requests).toHaveLength(1);
    // Read whole it would be 1 GiB; bounded, the read stops a chunk past 16 MiB.
    expect((error.details as { readBytes: number }).readBytes).toBeLessThan(DEFAULT_MAX_BODY_BYTES + 1024 * 1024);
    expect(grew).toBeLessThan(512 * 1024 * 1024);
  });

  it('keeps failure bodies at their first megabyte, whatever maxBodyBytes says', async () => {
    const server = await serve(endless(400));
    const result = await client('lobby', server, { maxBodyBytes: Number.POSITIVE_INFINITY }).get('stream').json();
    expect(result._unsafeUnwrapErr()).toMatchObject({ status: 400, category: 'invalid-request' });
  });

  it('answers invalid-request, sending nothing, for a bound that cannot be used', async () => {
    const server = await serve(json(200, {}));
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN, '1MB']) {
      const perCall = await client('lobby', server).get('x', { maxBodyBytes: maxBodyBytes as number }).json();
      expect(perCall._unsafeUnwrapErr()).toMatchObject({ category: 'invalid-request' });
      expect(perCall._unsafeUnwrapErr().message).toMatch(/maxBodyBytes/);
      const perClient = await client('lobby', server, { maxBodyBytes: maxBodyBytes as number }).get('x');
      expect(perClient._unsafeUnwrapErr().message).toMatch(/maxBodyBytes/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('ends a body that stops arriving after ky\'s timeout without bytes, read with the call or later', async () => {
    // Headers and the start of a body, then nothing more, the connection kept open.
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"stalled":');
    });
    const lobby = client('lobby', server, { timeout: 100, retry: { limit: 0 } });
    expect((await lobby.get('x').json())._unsafeUnwrapErr()).toMatchObject({ category: 'timeout' });
    const call = lobby.get('x');
    expect((await call).isOk()).toBe(true);
    expect((await call.text())._unsafeUnwrapErr()).toMatchObject({ category: 'timeout' });
  });

  it('ends a late read of a body that keeps trickling once the call\'s maxRetryTime has passed since the read began', async () => {
    // A byte every 5 ms, never an end: ky's timeout between bytes never runs out.
    const server = await serve((request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => response.write('.'), 5);
      request.socket.on('close', () => { clearInterval(drip); });
    });
    // maxRetryTime also bounds the call's wait for its headers: far above what loopback takes.
    const fromClient = client('lobby', server, { timeout: 60_000, retry: { limit: 0, maxRetryTime: 2_000 } }).get('x');
    expect((await fromClient).isOk()).toBe(true);
    expect((await fromClient.text())._unsafeUnwrapErr()).toMatchObject({ category: 'timeout' });
    // A call's own maxRetryTime is the one that bounds its late read.
    const fromCall = client('lobby', server, { timeout: 60_000, retry: { maxRetryTime: 3_600_000 } }).get('x', { retry: { maxRetryTime: 2_000 } });
    expect((await fromCall).isOk()).toBe(true);
    expect((await fromCall.arrayBuffer())._unsafeUnwrapErr()).toMatchObject({ category: 'timeout' });
  });

  it('ends a late read of an endless body at the call\'s abort', async () => {
    const server = await serve(endless());
    const controller = new AbortController();
    const call = client('lobby', server, { maxBodyBytes: Number.POSITIVE_INFINITY }).get('stream', { signal: controller.signal });
    expect((await call).isOk()).toBe(true);
    const reading = call.text();
    controller.abort();
    expect((await reading)._unsafeUnwrapErr().category).toBe('cancelled');
  });
});
