/**
 * The error a call ends with: a failure that ends the call at its first attempt is made final
 * itself (no copy), one that was retried or shared is copied. Either way the caller gets one
 * error per call, with its attempts, its time, and a stack that shows where the call was waited for.
 */
import { describe, expect, it } from 'vitest';
import { createClient } from '../src/create-client.ts';
import type { GameServiceError } from '../src/core/error.ts';
import type { GiveUpEvent, RetryEvent } from '../src/retry/events.ts';
import { withRetry } from '../src/with-retry.ts';
import { sequence } from '../src/testing/index.ts';
import { toHandler } from '../src/testing/msw.ts';
import { mswServer } from './msw-server.ts';
import { lobby } from './client-support.ts';

const server = mswServer();

/** A frame of the library's own retry machinery or error model. */
const INTERNAL_FRAME = /src\/(retry|core)\//;

function observedClient(): { client: ReturnType<typeof createClient<'lobby'>>; giveUps: GiveUpEvent<'lobby'>[]; retries: RetryEvent<'lobby'>[] } {
  const giveUps: GiveUpEvent<'lobby'>[] = [];
  const retries: RetryEvent<'lobby'>[] = [];
  const client = createClient({
    service: 'lobby',
    prefix: lobby.base,
    retry: { limit: 3, backoff: { baseMs: 1, capMs: 1 } },
    onGiveUp: (event) => giveUps.push(event),
    onRetry: (event) => retries.push(event),
  });
  return { client, giveUps, retries };
}

async function callerOfTheClient(client: ReturnType<typeof createClient<'lobby'>>): Promise<GameServiceError<'lobby'>> {
  const result = await client.get(lobby.read.path).json();
  if (result.isOk()) throw new Error('expected a failure');
  return result.error;
}

describe('the final error of a call', () => {
  it('of a failure never to be retried carries its attempts and a stack from where the caller waited, none of the engine', async () => {
    server.use(toHandler('get', `${lobby.base}/*`, () => lobby.permanent()));
    const { client, giveUps } = observedClient();
    const error = await callerOfTheClient(client);
    expect(error.code).toBe(lobby.permanentCode);
    expect(error.attempts).toBe(1);
    expect(typeof error.elapsedMs).toBe('number');
    const stack = error.stack ?? '';
    expect(stack.split('\n')[0]).toBe(`GameServiceError: ${error.message}`);
    expect(stack).toContain('callerOfTheClient');
    expect(stack.split('\n').filter((line) => INTERNAL_FRAME.test(line))).toEqual([]);
    // The observer is told of the very error the caller gets.
    expect(giveUps).toHaveLength(1);
    expect(giveUps[0]?.error).toBe(error);
  });

  it('is a new error for every call, even for the same answer', async () => {
    server.use(toHandler('get', `${lobby.base}/*`, () => lobby.permanent()));
    const { client } = observedClient();
    const [first, second] = await Promise.all([callerOfTheClient(client), callerOfTheClient(client)]);
    expect(first).not.toBe(second);
    expect(first.stack).toContain('callerOfTheClient');
    expect(second.stack).toContain('callerOfTheClient');
  });

  it('after retries is a copy: the error an observer was shown is left as it was', async () => {
    server.use(toHandler('get', `${lobby.base}/*`, sequence([() => lobby.unavailable(), () => lobby.permanent()])));
    const { client, retries } = observedClient();
    const error = await callerOfTheClient(client);
    expect(error.attempts).toBe(2);
    expect(error.stack).toContain('callerOfTheClient');
    expect(retries).toHaveLength(1);
    const shown = retries[0]?.error;
    expect(shown).not.toBe(error);
    expect(shown?.attempts).toBeUndefined();
  });

  it('of withRetry, made from what the operation threw, has the caller in its stack too', async () => {
    async function callerOfWithRetry(): Promise<GameServiceError<'msnp'>> {
      const result = await withRetry(() => Promise.reject(new Error('911 20')), { service: 'msnp' });
      if (result.isOk()) throw new Error('expected a failure');
      return result.error;
    }
    const error = await callerOfWithRetry();
    expect(error.code).toBe('911');
    expect(error.attempts).toBe(1);
    expect(error.stack).toContain('callerOfWithRetry');
  });
});

describe('the error of a success whose body is not the JSON asked for', () => {
  it.each(['lobby', 'companion', 'platform', 'coral'] as const)('%s: carries the status, the attempts and the time like any final error', async (service) => {
    const prefix = `https://${service}.example.test/v1`;
    server.use(toHandler('get', `${prefix}/*`, () => new Response('{"a": nope', { status: 200, headers: { 'content-type': 'application/json' } })));
    const result = await createClient({ service, prefix }).get('thing').json();
    const error = result._unsafeUnwrapErr();
    expect(error).toMatchObject({ category: 'unknown', retry: 'never', status: 200, attempts: 1 });
    expect(typeof error.elapsedMs).toBe('number');
  });
});
