import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/create-client.ts';
import { withRetry } from '../../src/with-retry.ts';
import { startLoopbackServer, type LoopbackServer } from '../../src/testing/index.ts';
import { contractProblems } from './contract.ts';

/**
 * maxRetryTime is "the whole call, attempts and waits included": an attempt that never ends
 * must not keep the call pending past it. The margin is wide (a busy machine runs timers late); the point is settling at all.
 */
const MAX_RETRY_TIME_MS = 300;
const MARGIN_MS = 30_000;

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Resolves to the outcome, or to 'pending' when it is still pending after `ms`. */
async function within<T>(promise: PromiseLike<T>, ms: number): Promise<T | 'pending'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => { resolve('pending'); }, ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), bound]);
  } finally {
    clearTimeout(timer);
  }
}

describe(`a call whose attempt never ends settles by maxRetryTime (${String(MAX_RETRY_TIME_MS)} ms)`, () => {
  it('in withRetry, whose operation never settles', async () => {
    const outcome = await within(withRetry(() => new Promise<number>(() => undefined), { service: 'nex', retry: { maxRetryTime: MAX_RETRY_TIME_MS } }), MAX_RETRY_TIME_MS + MARGIN_MS);
    expect(outcome).not.toBe('pending');
    if (outcome === 'pending') return;
    expect(outcome.isErr()).toBe(true);
    if (outcome.isErr()) {
      expect(outcome.error.category).toBe('timeout');
      expect(contractProblems(outcome.error, 'nex')).toEqual([]);
    }
  });

  it("in the client, with ky's per-attempt timeout off and a service that never answers", async () => {
    const server = await startLoopbackServer(() => new Promise<Response>(() => undefined));
    servers.push(server);
    const client = createClient({ service: 'lobby', prefix: `${server.url}/`, timeout: false, retry: { maxRetryTime: MAX_RETRY_TIME_MS } });
    const outcome = await within(client.get('lobbies/lobby-1').json(), MAX_RETRY_TIME_MS + MARGIN_MS);
    expect(outcome).not.toBe('pending');
    if (outcome === 'pending') return;
    expect(outcome.isErr()).toBe(true);
    if (outcome.isErr()) {
      expect(outcome.error.category).toBe('timeout');
      expect(contractProblems(outcome.error, 'lobby')).toEqual([]);
    }
  });
});
