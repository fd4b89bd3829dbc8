import { describe, expect, it } from 'vitest';
import { createCompanionClient } from '../src/services/companion/client.ts';
import { createCoralClient } from '../src/services/coral/client.ts';
import { createLobbyClient } from '../src/services/lobby/client.ts';
import { createPlatformClient } from '../src/services/platform/client.ts';
import { withMsnpRetry } from '../src/services/msnp/with-retry.ts';
import { withNexRetry } from '../src/services/nex/with-retry.ts';
import { msnpErrorLine, sequence } from '../src/testing/index.ts';
import { toHandler } from '../src/testing/msw.ts';
import { badGatewayPage, coral, companion, lobby, platform, recording } from './client-support.ts';
import { mswServer } from './msw-server.ts';

const server = mswServer();

/** A rejection with a raw answer, as a protocol library would reject with the error line. */
async function failWith(raw: unknown): Promise<never> {
  await Promise.resolve();
  throw raw;
}

describe('each service\'s own entry', () => {
  it.each([
    ['coral', coral, () => createCoralClient({ prefix: coral.base, retry: { backoff: { baseMs: 0 } } })],
    ['companion', companion, () => createCompanionClient({ prefix: companion.base, retry: { backoff: { baseMs: 0 } } })],
    ['platform', platform, () => createPlatformClient({ prefix: platform.base, retry: { backoff: { baseMs: 0 } } })],
    ['lobby', lobby, () => createLobbyClient({ prefix: lobby.base, retry: { backoff: { baseMs: 0 } } })],
  ] as const)('%s: a client with the service\'s adapter and preset', async (service, fixture, create) => {
    const fake = recording(sequence([badGatewayPage(), fixture.success({ ok: true })]));
    server.use(toHandler('all', `${fixture.base}/*`, fake));
    const client = create();
    expect(client.service).toBe(service);
    const result = await (fixture.read.method === 'get' ? client.get(fixture.read.path).json() : client.post(fixture.read.path).json());
    expect(result._unsafeUnwrap()).toEqual({ ok: true });
    expect(fake.seen).toHaveLength(2);
  });

  it('nex and msnp: withRetry with the service\'s adapter and preset', async () => {
    let nexCalls = 0;
    const nex = await withNexRetry(() => (nexCalls++ === 0 ? Promise.reject(Object.assign(new Error('reset'), { code: 'ECONNRESET' })) : Promise.resolve('frame')), { retry: { backoff: { baseMs: 0 } } });
    expect(nex._unsafeUnwrap()).toBe('frame');
    const msnp = await withMsnpRetry(() => failWith(msnpErrorLine(911, 20)));
    expect(msnp._unsafeUnwrapErr()).toMatchObject({ service: 'msnp', code: '911', category: 'unauthenticated', attempts: 1 });
  });
});

describe('neverthrow from the root entry', () => {
  it('re-exports the constructors the client Results are built with', async () => {
    const root = await import('../src/index.ts');
    const neverthrow = await import('neverthrow');
    expect(root.ok).toBe(neverthrow.ok);
    expect(root.ResultAsync).toBe(neverthrow.ResultAsync);
    const result = await root.withRetry(() => root.err(new Error('connect ECONNREFUSED')), { service: 'nex', retry: { limit: 0 } });
    expect(result).toBeInstanceOf(root.Err);
  });
});
