/**
 * Options that cannot be used, given to a client or to one request: each call answers
 * invalid-request naming the option, and nothing is sent. Every per-service creator behaves as
 * createClient does: it never throws.
 */
import { describe, expect, it, vi } from 'vitest';
import { createClient } from '../src/create-client.ts';
import type { Client, ClientOptions, RequestOptions, ServiceClientOptions } from '../src/client/types.ts';
import type { HttpService } from '../src/core/service.ts';
import { createRetryScope } from '../src/retry/scope.ts';
import { createCompanionClient } from '../src/services/companion/client.ts';
import { createCoralClient } from '../src/services/coral/client.ts';
import { createLobbyClient } from '../src/services/lobby/client.ts';
import { createPlatformClient } from '../src/services/platform/client.ts';
import { serviceSuccess } from '../src/testing/index.ts';
import { withRetry } from '../src/with-retry.ts';

/** Options given as JavaScript would give them: the types would refuse most of these. */
const UNUSABLE: readonly (readonly [string, Record<string, unknown>])[] = [
  ['timeout', { timeout: Number.NaN }],
  ['timeout', { timeout: -1 }],
  ['timeout', { timeout: 0 }],
  ['timeout', { timeout: true }],
  ['timeout', { timeout: '5s' }],
  ['timeout', { timeout: 2 ** 31 }],
  ['totalTimeout', { totalTimeout: Number.POSITIVE_INFINITY }],
  ['hooks', { hooks: 'x' }],
  ['hooks', { hooks: [() => undefined] }],
  ['hooks.beforeRequest', { hooks: { beforeRequest: () => undefined } }],
  ['hooks.beforeRequest[1]', { hooks: { beforeRequest: [() => undefined, 'log'] } }],
  ['hooks.beforeSend', { hooks: { beforeSend: [] } }],
  ['prefix', { prefix: 42 }],
  ['prefix', { prefix: 'ftp://files.example/' }],
  ['baseUrl', { baseUrl: 'file:///etc/' }],
  ['fetch', { fetch: 'node-fetch' }],
  ['onDownloadProgress', { onDownloadProgress: true }],
  ['headers', { headers: 'authorization: x' }],
  ['searchParams', { searchParams: 7 }],
  ['signal', { signal: 'abort' }],
  ['credentials', { credentials: 'always' }],
  ['context', { context: 'x' }],
];

const REQUEST_ONLY: readonly (readonly [string, Record<string, unknown>])[] = [
  ['idempotent', { idempotent: 'yes' }],
  ['idempotent', { idempotent: 1 }],
  ['idempotencyKey', { idempotencyKey: 42 }],
  ['idempotencyKey', { idempotencyKey: '' }],
  ['rateLimitKey', { rateLimitKey: {} }],
];

function counting(): { fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>; sent: () => number } {
  let sent = 0;
  return {
    fetch: () => {
      sent += 1;
      return Promise.resolve(serviceSuccess('lobby', {}));
    },
    sent: () => sent,
  };
}

async function expectRefused(client: Client<HttpService>, option: string, options?: RequestOptions): Promise<void> {
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head'] as const) {
    const result = await client[method]('lobbies/l-1', options).json();
    expect(result.isErr() && result.error).toMatchObject({ category: 'invalid-request', retryable: false });
    expect(result.isErr() && result.error.message).toContain(option);
  }
}

describe('a client option that cannot be used', () => {
  it.each(UNUSABLE)('%s (%o): every call answers invalid-request naming it, nothing sent', async (option, bad) => {
    const { fetch, sent } = counting();
    const client = createClient({ service: 'lobby', prefix: 'https://lobby.example/v1', fetch, ...bad });
    await expectRefused(client, option);
    expect(sent()).toBe(0);
  });

  it.each(REQUEST_ONLY)('%s (%o) given to the client, as JavaScript can: invalid-request naming it, nothing sent', async (option, bad) => {
    const { fetch, sent } = counting();
    const client = createClient({ service: 'lobby', prefix: 'https://lobby.example/v1', fetch, ...bad });
    await expectRefused(client, option);
    expect(sent()).toBe(0);
  });

  it('scope with retry.budget: the budget is the scope\'s', async () => {
    const client = createClient({ service: 'lobby', prefix: 'https://lobby.example/v1', scope: createRetryScope(), retry: { budget: { capacity: 5 } } });
    await expectRefused(client, 'retry.budget');
  });

  it('a scope that is not one', async () => {
    const client = createClient({ service: 'lobby', scope: {} } as unknown as ClientOptions<'lobby'>);
    await expectRefused(client, 'scope');
  });
});

describe('a request option that cannot be used', () => {
  it.each([...UNUSABLE.filter(([option]) => option !== 'prefix' && option !== 'baseUrl'), ...REQUEST_ONLY])('%s (%o): invalid-request naming it, nothing sent', async (option, bad) => {
    const { fetch, sent } = counting();
    const client = createClient({ service: 'lobby', prefix: 'https://lobby.example/v1', fetch });
    await expectRefused(client, option, bad);
    expect(sent()).toBe(0);
    // The client itself is fine: a call without the bad option goes out.
    expect((await client.get('lobbies/l-1').json()).isOk()).toBe(true);
    expect(sent()).toBe(1);
  });
});

describe('withRetry options that cannot be used', () => {
  it.each<[string, Record<string, unknown>]>([
    ['idempotent', { idempotent: 'yes' }],
    ['signal', { signal: {} }],
    ['scope', { scope: { budget: {} } }],
    ['rateLimitKey', { rateLimitKey: 5 }],
    ['onGiveUp', { onGiveUp: 'log' }],
  ])('%s: invalid-request naming it, the operation never called', async (option, bad) => {
    const operation = vi.fn(() => 'done');
    const result = await withRetry(operation, { service: 'nex', ...bad } as never);
    expect(result.isErr() && result.error).toMatchObject({ category: 'invalid-request' });
    expect(result.isErr() && result.error.message).toContain(option);
    expect(operation).not.toHaveBeenCalled();
  });
});

describe('every per-service creator behaves as createClient: it never throws', () => {
  const creators = [
    ['createCoralClient', createCoralClient],
    ['createCompanionClient', createCompanionClient],
    ['createPlatformClient', createPlatformClient],
    ['createLobbyClient', createLobbyClient],
  ] as const;
  it.each(creators)('%s', async (_name, create) => {
    const made = (options: unknown): Client<HttpService> => (create as (given: unknown) => Client<HttpService>)(options);
    const cases: readonly (readonly [string, unknown])[] = [
      ['options must be an object', null],
      ['auth.refreshToken must be a function', { auth: { getToken: () => 't' } }],
      ['retry.limit', { retry: { limit: -1 } }],
      ['timeout', { timeout: Number.NaN }],
      ['hooks', { hooks: 'x' }],
      ['idempotent', { idempotent: 'yes' }],
    ];
    for (const [option, bad] of cases) {
      let client: Client<HttpService> | undefined;
      expect(() => { client = made(bad); }).not.toThrow();
      if (client !== undefined) await expectRefused(client, option);
    }
    // And good options still make a working client.
    expect(made({} satisfies ServiceClientOptions<'lobby'>).service).toBe(made(undefined).service);
  });
});
