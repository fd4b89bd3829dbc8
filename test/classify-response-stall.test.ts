/**
 * classifyResponse over a real socket whose body starts and never ends: the read is bounded by
 * `timeoutMs` (10 s by default) and by a signal, and the answer is classified from its status,
 * its headers and what came of its body.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { classifyResponse } from '../src/classify.ts';
import { DEFAULT_BODY_READ_MS } from '../src/core/http/read-response.ts';

let server: Server;
let origin: string;
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(502, { 'content-type': 'text/html', 'retry-after': '5' });
    response.write(request.url === '/json' ? '{"code": 16004, "title": "Lob' : '<html>');
    // Never ended: the body stalls after its first bytes.
    held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  vi.useRealTimers();
  for (const response of held.splice(0)) response.destroy();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
});

describe('classifyResponse with a body that stops coming', () => {
  it('classifies from the status and headers once timeoutMs is over', async () => {
    const response = await fetch(`${origin}/page`);
    const error = await classifyResponse('lobby', response, { timeoutMs: 50 });
    expect(error).toMatchObject({ service: 'lobby', code: '16502', category: 'unavailable', status: 502, retryAfterMs: 5000 });
  });

  it('keeps what came of the body before it stalled', async () => {
    const response = await fetch(`${origin}/json`);
    const error = await classifyResponse('lobby', response, { timeoutMs: 50 });
    // The cut-off problem document still names its code.
    expect(error).toMatchObject({ code: '16004', codeName: 'LobbyFull' });
  });

  it('stops at the signal', async () => {
    const response = await fetch(`${origin}/page`);
    const controller = new AbortController();
    const pending = classifyResponse('coral', response, { signal: controller.signal, timeoutMs: Number.POSITIVE_INFINITY });
    controller.abort();
    expect(await pending).toMatchObject({ service: 'coral', status: 502, category: 'unavailable' });
  });

  it('gives up after 10 s when told nothing', async () => {
    const response = await fetch(`${origin}/page`);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let settled = false;
    const pending = classifyResponse('companion', response).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(DEFAULT_BODY_READ_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ service: 'companion', status: 502 });
    expect(DEFAULT_BODY_READ_MS).toBe(10_000);
  });

  it('treats a timeout it cannot use as the default', async () => {
    const response = await fetch(`${origin}/page`);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = classifyResponse('platform', response, { timeoutMs: Number.NaN });
    await vi.advanceTimersByTimeAsync(DEFAULT_BODY_READ_MS);
    expect(await pending).toMatchObject({ service: 'platform', status: 502 });
  });
});
