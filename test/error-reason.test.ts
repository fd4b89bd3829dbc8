/**
 * An error nothing could classify says why in its message, not only in its cause: what a
 * withRetry operation or a token renewal threw, redacted and bounded like the rest of it.
 */
import { describe, expect, it } from 'vitest';
import { createClient, withRetry } from '../src/index.ts';
import { SERVICES } from '../src/core/service.ts';
import { expiringToken, serviceSuccess } from '../src/testing/index.ts';
import { toHandler } from '../src/testing/msw.ts';
import { mswServer } from './msw-server.ts';

const server = mswServer();
const ORIGIN = 'https://lobby.services.api.unity.com/v1';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGF5ZXIifQ.c2lnbmF0dXJlLTdmM2E';

describe('a withRetry operation that throws what no adapter reads', () => {
  it.each(SERVICES)('%s: the message carries what it threw', async (service) => {
    const result = await withRetry(() => {
      throw new RangeError('quota of 20 sessions per account exceeded');
    }, { service });
    expect(result.isErr()).toBe(true);
    if (!result.isErr()) return;
    expect(result.error.category).toBe('unknown');
    expect(result.error.message).toContain('RangeError: quota of 20 sessions per account exceeded');
    expect(result.error.description).toContain('RangeError: quota of 20 sessions per account exceeded');
  });

  it('redacts a credential the thrown message quotes', async () => {
    const result = await withRetry(() => {
      throw new Error(`gateway refused Authorization: Bearer ${JWT} (token=${JWT})`);
    }, { service: 'nex' });
    if (!result.isErr()) throw new Error('expected an error');
    expect(result.error.message).toContain('gateway refused');
    expect(result.error.message).not.toContain(JWT);
    expect(JSON.stringify(result.error)).not.toContain(JWT);
  });

  it('keeps only the first line, and a bounded part of it', async () => {
    const result = await withRetry(() => {
      throw new Error(`${'x'.repeat(1_000_000)}\nsecond line`);
    }, { service: 'msnp' });
    if (!result.isErr()) throw new Error('expected an error');
    expect(result.error.message.length).toBeLessThan(2_000);
    expect(result.error.message).not.toContain('second line');
  });

  it('says nothing more for a thrown value with no message of its own', async () => {
    const result = await withRetry(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a caller's code may throw anything
      throw { status: 'weird' };
    }, { service: 'nex' });
    if (!result.isErr()) throw new Error('expected an error');
    expect(result.error.message).not.toContain('It said');
  });
});

describe('a token renewal that throws', () => {
  it('ends the call as unauthenticated, and the message says what the renewal threw', async () => {
    server.use(toHandler('get', `${ORIGIN}/lobbies/l-1`, expiringToken({ service: 'lobby', validTokens: ['fresh'] }, () => serviceSuccess('lobby', { id: 'l-1' }))));
    const client = createClient({
      service: 'lobby',
      prefix: ORIGIN,
      auth: {
        getToken: () => JWT,
        refreshToken: () => Promise.reject(new Error(`token endpoint answered invalid_grant for refresh_token=${JWT}`)),
      },
    });
    const result = await client.get('lobbies/l-1').json();
    if (!result.isErr()) throw new Error('expected an error');
    expect(result.error.category).toBe('unauthenticated');
    expect(result.error.message).toContain('renewing it failed');
    expect(result.error.message).toContain('Error: token endpoint answered invalid_grant');
    expect(result.error.message).not.toContain(JWT);
    expect(JSON.stringify(result.error)).not.toContain(JWT);
  });
});
