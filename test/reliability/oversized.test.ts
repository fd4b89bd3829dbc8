import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/create-client.ts';
import { HTTP_LIMITS } from '../../src/core/http/limits.ts';
import { contractProblems } from './contract.ts';

const CHUNK = Buffer.alloc(64 * 1024, 0x61);

/** A server whose failure answers never end: it streams `a` for as long as the client reads. */
interface EndlessServer {
  readonly url: string;
  /** Bytes of body the server managed to write, all requests together. */
  readonly written: () => number;
  readonly server: Server;
}

const open: Server[] = [];
afterEach(async () => {
  await Promise.all(
    open.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => { resolve(); });
          server.closeAllConnections();
        }),
    ),
  );
});

async function endless(status: number): Promise<EndlessServer> {
  let written = 0;
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.write('{"code": 16001, "detail": "');
    let closed = false;
    response.on('close', () => {
      closed = true;
    });
    const pump = (): void => {
      while (!closed) {
        written += CHUNK.length;
        if (!response.write(CHUNK)) {
          response.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`, written: () => written, server };
}

/**
 * A failure answer is classified from its first megabyte (HTTP_LIMITS.readBytes): reading more
 * only costs memory and time. A client that reads a failure body to its end is at the mercy of
 * a broken proxy or a hostile server streaming forever, until its timeout, gigabytes later.
 */
describe('a failure answer whose body never ends', () => {
  // One service is enough: every service's failures go through the same read. A client reading
  // on would stream until its timeout and answer `timeout`, having taken far more than the bound.
  it('is classified from its start, without reading on', { timeout: 120_000 }, async () => {
    const service = 'lobby';
    const { url, written } = await endless(503);
    const client = createClient({ service, prefix: `${url}/`, timeout: 60_000, retry: { limit: 0 } });
    const result = await client.get('x').json();
    expect(result.isErr()).toBe(true);
    if (!result.isErr()) return;
    expect(contractProblems(result.error, service)).toEqual([]);
    expect(result.error).toMatchObject({ status: 503 });
    expect(result.error.category).not.toBe('timeout');
    // Kernel and stream buffers let the server get ahead of the reader, but not by gigabytes.
    expect(written()).toBeLessThan(64 * HTTP_LIMITS.readBytes);
  });
});
