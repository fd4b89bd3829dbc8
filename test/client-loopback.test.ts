import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../src/create-client.ts';
import type { Client, ClientOptions, RequestOptions } from '../src/client/types.ts';
import type { HttpService } from '../src/core/service.ts';
import type { RetryEvent } from '../src/retry/events.ts';
import { expiringToken, sequence, startLoopbackServer, type LoopbackServer, type Responder } from '../src/testing/index.ts';
import { badGatewayPage, EXPIRING, FIXTURES, networkError, recording, type ServiceFixture } from './client-support.ts';

/*
 * The scenarios over a real socket: node:http on 127.0.0.1, real status lines, a real reset for
 * a dropped connection. Real timers, so every wait is shortened to a few milliseconds through
 * the client's own options; nothing here measures time.
 */

let server: LoopbackServer;
let current: Responder = () => new Response('no responder', { status: 500 });

beforeAll(async () => {
  server = await startLoopbackServer((request) => current(request));
});
afterAll(async () => {
  await server.close();
});

const SHORT_WAITS = { maxRetryAfter: 20, backoff: { baseMs: 1, capMs: 5 }, gateSpreadMs: 5, maintenanceWaitMs: 20 } as const;

function clientFor<S extends HttpService>(fixture: ServiceFixture<S>, options: Omit<ClientOptions<S>, 'service'> = {}): { client: Client<S>; retries: RetryEvent<S>[] } {
  const retries: RetryEvent<S>[] = [];
  const client = createClient<S>({
    service: fixture.service,
    prefix: `${server.url}/${fixture.service}`,
    retry: SHORT_WAITS,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { client, retries };
}

function read<S extends HttpService>(fixture: ServiceFixture<S>, client: Client<S>, options: RequestOptions = {}) {
  return fixture.read.method === 'get' ? client.get(fixture.read.path, options).json() : client.post(fixture.read.path, { json: {}, ...options }).json();
}

describe.each(EXPIRING)('$service over a loopback server', (fixture) => {
  it('renews an expired token once for 20 concurrent calls', async () => {
    const fake = expiringToken({ service: fixture.service, validTokens: ['fresh-token'] }, () => fixture.success({ ok: 1 }));
    current = fake;
    const refreshToken = vi.fn(() => Promise.resolve('fresh-token'));
    const { client } = clientFor(fixture, { auth: { getToken: () => 'stale-token', refreshToken } });
    const results = await Promise.all(Array.from({ length: 20 }, () => read(fixture, client)));
    expect(results.map((result) => result.isOk() && result.value)).toEqual(Array.from({ length: 20 }, () => ({ ok: 1 })));
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(fake.presented.filter((token) => token === 'fresh-token')).toHaveLength(20);
  });
});

describe.each(FIXTURES)('$service over a loopback server', (fixture) => {
  it('holds later calls at the maintenance gate and lets one probe through at a time', async () => {
    // No hint: the gate waits maintenanceWaitMs (20 ms); a hint longer than maxRetryAfter would end the calls.
    const window = fixture.maintenanceWindow(200, undefined, () => fixture.success({ ok: true }));
    const answered: { maintenance: boolean; alongside: number }[] = [];
    let inFlight = 0;
    current = async (request) => {
      const alongside = inFlight;
      inFlight += 1;
      try {
        const response = await window(request);
        answered.push({ maintenance: !(await response.clone().text()).includes('"ok":true'), alongside });
        return response;
      } finally {
        inFlight -= 1;
      }
    };
    const { client } = clientFor(fixture, { retry: { ...SHORT_WAITS, limit: 20, maxRetryTime: 10_000 } });
    const first = read(fixture, client);
    // Let the first call meet maintenance and close the gate before the others start.
    for (let tries = 0; tries < 200 && answered.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 1));
    const others = Array.from({ length: 4 }, () => read(fixture, client));
    const results = await Promise.all([first, ...others]);
    expect(results.every((result) => result.isOk())).toBe(true);
    const maintenance = answered.filter((entry) => entry.maintenance);
    expect(maintenance.length).toBeGreaterThanOrEqual(2);
    // Every request that met maintenance was alone: the first one, then one probe at a time.
    expect(maintenance.every((entry) => entry.alongside === 0)).toBe(true);
    expect(answered.filter((entry) => !entry.maintenance)).toHaveLength(5);
  });

  it('waits out a rate limit and succeeds', async () => {
    const fake = recording(sequence([fixture.rateLimited(0), fixture.success({ ok: true })]));
    current = fake;
    const { client, retries } = clientFor(fixture);
    const result = await read(fixture, client);
    expect(result.isOk() && result.value).toEqual({ ok: true });
    expect(retries.map((event) => [event.error.category, event.delayMs])).toEqual([['rate-limited', 0]]);
    expect(fake.seen).toHaveLength(2);
  });

  it('retries a 502 page and a reset connection, then succeeds', async () => {
    const fake = recording(sequence([badGatewayPage(), networkError(), fixture.success({ ok: true })]));
    current = fake;
    const { client, retries } = clientFor(fixture);
    const result = await read(fixture, client);
    expect(result.isOk() && result.value).toEqual({ ok: true });
    expect(retries.map((event) => event.error.category)).toEqual(['unavailable', 'network']);
  });
});
