/**
 * Transport failures that sending again cannot cure, over real sockets on 127.0.0.1: each ends
 * the call at once, with a category that says what it is, and is never retried.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify.ts';
import { createClient } from '../../src/create-client.ts';
import { HTTP_SERVICES, SERVICES } from '../../src/core/service.ts';
import { TLS_CERTIFICATE_ERRORS } from '../../src/core/thrown.ts';
import type { GiveUpEvent } from '../../src/retry/events.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Serves `handler` on 127.0.0.1 (over TLS with the self-signed fixture when asked), counting requests. */
async function serve(handler: Handler, tls = false): Promise<{ origin: string; requests: () => number }> {
  let requests = 0;
  const counted: Handler = (request, response) => {
    requests += 1;
    handler(request, response);
  };
  const server = tls
    ? createHttpsServer({ key: readFileSync(new URL('../fixtures/loopback-self-signed.key', import.meta.url)), cert: readFileSync(new URL('../fixtures/loopback-self-signed.crt', import.meta.url)) }, counted)
    : createHttpServer(counted);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => { resolve(); });
  }));
  const { port } = server.address() as AddressInfo;
  return { origin: `${tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`, requests: () => requests };
}

function lobbyOn(prefix: string) {
  const giveUps: GiveUpEvent<'lobby'>[] = [];
  const client = createClient({ service: 'lobby', prefix, onGiveUp: (event) => giveUps.push(event) });
  return { client, giveUps };
}

describe('permanent transport failures end the call at once', () => {
  it('a redirect loop: the requests of one attempt, then a server-error that is not retried', { timeout: 30_000 }, async () => {
    const server = await serve((request, response) => {
      response.writeHead(302, { location: request.url ?? '/' });
      response.end();
    });
    const { client, giveUps } = lobbyOn(`${server.origin}/v1/`);
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr() && result.error).toMatchObject({ category: 'server-error', retry: 'never', retryable: false, attempts: 1, details: { permanent: 'redirect-loop' } });
    expect(giveUps.map((event) => event.reason)).toEqual(['final']);
    // fetch's first request and its 20 redirects: one attempt, never repeated.
    expect(server.requests()).toBe(21);
  });

  it('response headers over the client\'s limit: a server-error that is not retried', { timeout: 30_000 }, async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'x-padding': 'a'.repeat(64 * 1024) });
      response.end('{}');
    });
    const { client } = lobbyOn(`${server.origin}/v1/`);
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr() && result.error).toMatchObject({ category: 'server-error', retry: 'never', attempts: 1, details: { permanent: 'headers-too-large' } });
    expect(server.requests()).toBe(1);
  });

  it('a self-signed certificate: network, never retried, nothing sent', { timeout: 30_000 }, async () => {
    const server = await serve((_request, response) => { response.end('{}'); }, true);
    const { client } = lobbyOn(`${server.origin}/v1/`);
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr()).toBe(true);
    if (!result.isErr()) return;
    expect(result.error).toMatchObject({ category: 'network', retry: 'never', retryable: false, attempts: 1, details: { permanent: 'tls-certificate', notSent: true } });
    expect(TLS_CERTIFICATE_ERRORS).toContain(result.error.details?.['errno']);
    expect(server.requests()).toBe(0);
  });

  it.each(['ftp://127.0.0.1/v1/', 'file:///etc/', 'javascript:void(0)//', 'data:text/plain,'])('a prefix that is not http(s), %s: invalid-request, nothing sent', async (prefix) => {
    const { client } = lobbyOn(prefix);
    const result = await client.get('lobbies/l-1').json();
    expect(result.isErr() && result.error).toMatchObject({ category: 'invalid-request', retry: 'never' });
    expect(result.isErr() && result.error.message).toContain('prefix');
  });

  it.each(['ftp://127.0.0.1/x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:application/json,{"a":1}', 'blob:nodedata:1234', 'about:blank', ' DATA:text/plain,x'])('a request URL that is not http(s), %s: invalid-request, nothing sent', async (url) => {
    const sent: unknown[] = [];
    const client = createClient({
      service: 'lobby',
      fetch: (request) => {
        sent.push(request);
        return Promise.resolve(new Response('{}'));
      },
    });
    for (const input of [url, new URL(url.trim())]) {
      const result = await client.get(input).json();
      expect(result.isErr() && result.error).toMatchObject({ category: 'invalid-request', retry: 'never' });
      expect(result.isErr() && result.error.message).toContain('not http or https');
    }
    expect(sent).toEqual([]);
  });

  it('joins a per-call URL to a prefix, as ky does: nothing to refuse there', async () => {
    const sent: string[] = [];
    const client = createClient({
      service: 'lobby',
      prefix: 'https://lobby.services.api.unity.com/v1',
      fetch: (request) => {
        sent.push(request instanceof Request ? request.url : String(request));
        return Promise.resolve(Response.json({ id: 'l-1' }));
      },
    });
    expect((await client.get('data:x').json()).isOk()).toBe(true);
    expect(sent).toEqual(['https://lobby.services.api.unity.com/v1/data:x']);
  });
});

describe.each(SERVICES)('classify(%s, a TLS certificate failure)', (service) => {
  it.each(TLS_CERTIFICATE_ERRORS)('%s is network, never retried', (code) => {
    const thrown = new TypeError('fetch failed', { cause: Object.assign(new Error(`certificate check failed: ${code}`), { code }) });
    expect(classify(service, thrown)).toMatchObject({ category: 'network', retry: 'never', details: { errno: code, permanent: 'tls-certificate' } });
  });
});

describe.each(HTTP_SERVICES)('classify(%s, transient transport failures)', (service) => {
  it.each(['ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ENETUNREACH'])('%s still backs off', (code) => {
    const thrown = new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    expect(classify(service, thrown).retry).toBe('backoff');
  });
});
