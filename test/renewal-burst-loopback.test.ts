/**
 * A renewal that fails transiently, over a real loopback server: the calls whose requests were
 * out with the rejected token when it failed share that failure, however late their rejections
 * arrive, so refreshToken is called RENEWAL_ATTEMPTS times for the burst; a request sent after
 * the failure may renew again.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLobbyClient } from '../src/services/lobby/client.ts';
import { RENEWAL_ATTEMPTS } from '../src/retry/tokens.ts';
import { serviceError } from '../src/testing/index.ts';

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running === undefined) return;
  running.closeAllConnections();
  await new Promise<void>((resolve) => {
    running.close(() => { resolve(); });
  });
});

/** Lobby's TokenExpired (52), as the testing kit's fake writes it, sent over the socket. */
async function expired(response: ServerResponse): Promise<void> {
  const answer = serviceError('lobby', 52);
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(await answer.text());
}

describe('a transiently failing renewal, shared by every call its token was rejected for', () => {
  it(`calls refreshToken ${String(RENEWAL_ATTEMPTS)} times for a burst whose rejections arrive after it failed`, async () => {
    const held: ServerResponse[] = [];
    let received = 0;
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      received += 1;
      // The first rejection comes at once; the rest are held until the renewal has failed.
      if (received === 1) void expired(response);
      else held.push(response);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const refreshToken = vi.fn(() => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })));
    const client = createLobbyClient({ prefix: `http://127.0.0.1:${String(port)}/v1`, auth: { getToken: () => 'stale', refreshToken }, retry: { maxRetryTime: 120_000 } });

    const burst = 8;
    const calls = Array.from({ length: burst }, () => client.get('lobbies/l-1').json());
    await vi.waitFor(() => { expect(received).toBe(burst); }, { timeout: 30_000 });
    const first = await calls[0];
    expect(first?.isErr() && first.error.category).toBe('network');
    expect(refreshToken).toHaveBeenCalledTimes(RENEWAL_ATTEMPTS);

    await Promise.all(held.splice(0).map(expired));
    const rest = await Promise.all(calls.slice(1));
    expect(rest.map((result) => result.isErr() && result.error.category)).toEqual(Array.from({ length: burst - 1 }, () => 'network'));
    expect(refreshToken).toHaveBeenCalledTimes(RENEWAL_ATTEMPTS);
    expect(received).toBe(burst);

    // A request sent after the failure was known: its rejection may try a renewal again.
    const later = client.get('lobbies/l-1').json();
    await vi.waitFor(() => { expect(held).toHaveLength(1); }, { timeout: 30_000 });
    await Promise.all(held.splice(0).map(expired));
    const again = await later;
    expect(again.isErr() && again.error.category).toBe('network');
    expect(refreshToken).toHaveBeenCalledTimes(2 * RENEWAL_ATTEMPTS);
  }, 60_000);
});
