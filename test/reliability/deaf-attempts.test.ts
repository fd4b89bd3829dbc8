/**
 * Attempts that do not listen to their signal, over real sockets: a custom fetch that drops the
 * signal, and a withRetry operation on a raw socket that never looks at it. The call still ends
 * at the abort and at its deadline, and what the abandoned attempt gives later is dropped.
 * How fast the settling is, is measured by scripts/abort-settle.ts; here only what happens.
 */
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/create-client.ts';
import { serviceSuccess } from '../../src/testing/index.ts';
import { withRetry } from '../../src/with-retry.ts';
import { loopbackServers } from './serve.ts';

const serve = loopbackServers();

/** A fetch that sends the request but drops its signal: aborting the call cannot stop it. */
function deafFetch(): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    return fetch(request.url, { method: request.method, headers: request.headers });
  };
}

/** A promise with its resolver. */
function later<T = void>(): { readonly promise: Promise<T>; readonly resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A TCP server that accepts connections and never writes a byte, until told to answer. */
async function silentServer(): Promise<{ port: number; connected: Promise<void>; answerAll: () => void; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const connected = later();
  const server = createServer((socket) => {
    sockets.push(socket);
    connected.resolve();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connected: connected.promise,
    answerAll: () => { for (const socket of sockets) socket.write('OK\r\n'); },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => { resolve(); });
    }),
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('an attempt that ignores its signal, over a real socket', () => {
  it('a custom fetch: the call settles cancelled at the abort, and the late answer is dropped', { timeout: 20_000 }, async () => {
    const arrived = later();
    const release = later();
    let requests = 0;
    const origin = await serve(async () => {
      requests += 1;
      arrived.resolve();
      await release.promise;
      return serviceSuccess('lobby', { late: true });
    });
    const client = createClient({ service: 'lobby', prefix: `${origin}/`, fetch: deafFetch(), timeout: false });
    const controller = new AbortController();
    const pending = client.get('lobbies/l-1', { signal: controller.signal }).json();
    await arrived.promise;
    controller.abort();
    const result = await pending;
    expect(result.isErr() && result.error.category).toBe('cancelled');
    release.resolve();
    // The server answers the abandoned request; nothing of it reaches anyone, and nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toBe(1);
  });

  it('a custom fetch: the call ends at maxRetryTime as a timeout while the server holds the request', { timeout: 20_000 }, async () => {
    const release = later();
    const origin = await serve(async () => {
      await release.promise;
      return serviceSuccess('lobby', {});
    });
    closers.push(() => { release.resolve(); return Promise.resolve(); });
    const client = createClient({ service: 'lobby', prefix: `${origin}/`, fetch: deafFetch(), timeout: false, retry: { maxRetryTime: 300 } });
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr() && [result.error.category, result.error.attempts]).toEqual(['timeout', 1]);
  });

  it('a withRetry operation on a raw socket that never reads its signal: cancelled at the abort, its late reply dropped', { timeout: 20_000 }, async () => {
    const server = await silentServer();
    closers.push(server.close);
    let replies = 0;
    const operation = (): Promise<string> => new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      socket.once('data', (data) => {
        replies += 1;
        socket.destroy();
        resolve(data.toString());
      });
      socket.once('error', reject);
    });
    const controller = new AbortController();
    const pending = withRetry(operation, { service: 'msnp', signal: controller.signal });
    await server.connected;
    controller.abort();
    const result = await pending;
    expect(result.isErr() && result.error.category).toBe('cancelled');
    server.answerAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replies).toBe(1);
  });
});
