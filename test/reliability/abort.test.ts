import type { Result } from 'neverthrow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/create-client.ts';
import type { ClientOptions } from '../../src/client/types.ts';
import type { GameServiceError } from '../../src/core/error.ts';
import type { HttpService } from '../../src/core/service.ts';
import { withRetry } from '../../src/with-retry.ts';
import { companionQueue, serviceError, serviceSuccess } from '../../src/testing/index.ts';
import { answerFor, TOKEN_EXPIRED } from '../../src/testing/scenarios/service-answers.ts';
import { contractProblems } from './contract.ts';
import { loopbackServers } from './serve.ts';
import { leftBehind, resourceBaseline } from './load.ts';

/**
 * Every wait lasts 20 s; the abort comes a little after the wait began. A call that honours its
 * signal settles at once (the figures printed after the run, a few milliseconds); one that sleeps
 * on would take the rest of the 20 s. The bound asserted is a quarter of the wait, so that a busy
 * machine slow to run a callback cannot fail the test, while a call that sleeps on still does.
 */
const WAIT_MS = 20_000;
const BOUND_MS = WAIT_MS / 4;
/** A test's own limit: far above the bound, below the wait a call sleeping on would take in full. */
const TEST_TIMEOUT = { timeout: 60_000 };
/** How long the renewal another call started takes: the aborted call must not wait for it. */
const RENEWAL_MS = 1_000;
/** How long after the wait began the signal aborts: long enough to be inside it. */
const INTO_WAIT_MS = 25;

const serve = loopbackServers();

/** A promise with its resolver, for "the wait has begun". */
function signalled(): { readonly promise: Promise<void>; readonly fire: () => void } {
  let fire = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

interface Measured<E extends GameServiceError = GameServiceError> {
  readonly result: Result<unknown, E>;
  readonly settledAfterAbortMs: number;
}

/** Starts a call, waits until its wait has begun, aborts, and measures how long it takes to settle. */
async function abortDuringWait<E extends GameServiceError>(start: (signal: AbortSignal) => PromiseLike<Result<unknown, E>>, waitBegun: Promise<void>, controller = new AbortController()): Promise<Measured<E>> {
  let settledAt = 0;
  const call = Promise.resolve(start(controller.signal)).then((result) => {
    settledAt = performance.now();
    return result;
  });
  await waitBegun;
  await new Promise((resolve) => setTimeout(resolve, INTO_WAIT_MS));
  const abortedAt = performance.now();
  controller.abort();
  const result = await call;
  return { result, settledAfterAbortMs: settledAt - abortedAt };
}

let baseline = new Map<string, number>();
beforeAll(() => {
  baseline = resourceBaseline();
});

const figures: string[] = [];
afterAll(() => {
  console.log(`settled after abort (ms):\n${figures.join('\n')}`);
});

function expectCancelledInTime<E extends GameServiceError>(measured: Measured<E>, service: HttpService | 'nex'): void {
  const { result, settledAfterAbortMs } = measured;
  figures.push(`  ${settledAfterAbortMs.toFixed(2).padStart(7)}  ${expect.getState().currentTestName ?? ''}`);
  expect(result.isErr()).toBe(true);
  if (!result.isErr()) return;
  expect(result.error.category).toBe('cancelled');
  expect(result.error.retryable).toBe(false);
  expect(contractProblems(result.error, service)).toEqual([]);
  // Settled after the abort (not before it, which would mean the wait never happened) and promptly.
  expect(settledAfterAbortMs).toBeGreaterThanOrEqual(0);
  expect(settledAfterAbortMs).toBeLessThan(BOUND_MS);
}

function lobbyClient(origin: string, options: Omit<ClientOptions<'lobby'>, 'service'> = {}): ReturnType<typeof createClient<'lobby'>> {
  return createClient({ service: 'lobby', prefix: `${origin}/`, ...options });
}

describe(`a call aborted during a wait settles as cancelled within ${String(BOUND_MS)} ms`, () => {
  it('during a backoff', TEST_TIMEOUT, async () => {
    // Full jitter draws the backoff at random: drawn at the top, it is the whole 2 s.
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const origin = await serve(() => serviceError('lobby', 3));
    const begun = signalled();
    const client = lobbyClient(origin, { retry: { backoff: { baseMs: WAIT_MS, capMs: WAIT_MS } }, onRetry: begun.fire });
    expectCancelledInTime(await abortDuringWait((signal) => client.get('lobbies/lobby-1', { signal }).json(), begun.promise), 'lobby');
  });

  it('during a Retry-After wait', TEST_TIMEOUT, async () => {
    const origin = await serve(() => serviceError('lobby', 50, { retryAfter: WAIT_MS / 1000 }));
    const begun = signalled();
    const client = lobbyClient(origin, { retry: { maxRetryAfter: 30_000 }, onRetry: begun.fire });
    expectCancelledInTime(await abortDuringWait((signal) => client.get('lobbies/lobby-1', { signal }).json(), begun.promise), 'lobby');
  });

  it('at the maintenance gate, the call that met maintenance', TEST_TIMEOUT, async () => {
    const origin = await serve(() => new Response('Service under maintenance', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': String(WAIT_MS / 1000) } }));
    const begun = signalled();
    const client = lobbyClient(origin, { retry: { maxRetryAfter: 30_000 }, onRetry: begun.fire });
    expectCancelledInTime(await abortDuringWait((signal) => client.get('lobbies/lobby-1', { signal }).json(), begun.promise), 'lobby');
  });

  it('at the maintenance gate, a call that arrived while it was closed', TEST_TIMEOUT, async () => {
    let requests = 0;
    const origin = await serve(() => {
      requests += 1;
      return new Response('Service under maintenance', { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': String(WAIT_MS / 1000) } });
    });
    const closed = signalled();
    const client = lobbyClient(origin, { retry: { maxRetryAfter: 30_000 }, onRetry: closed.fire });
    const first = new AbortController();
    const opener = client.get('lobbies/lobby-1', { signal: first.signal }).json();
    await closed.promise;
    const begun = signalled();
    const measured = abortDuringWait((signal) => client.get('lobbies/lobby-2', { signal }).json(), begun.promise);
    begun.fire();
    expectCancelledInTime(await measured, 'lobby');
    // The second call waited at the gate: it never reached the service.
    expect(requests).toBe(1);
    first.abort();
    await opener;
  });

  it('while waiting for a token renewal another call started; the renewal goes on for the others', TEST_TIMEOUT, async () => {
    let current = 'expired-token-0001';
    const origin = await serve((request) =>
      request.headers.get('authorization') === 'Bearer renewed-token-0002' ? serviceSuccess('lobby', { ok: true }) : answerFor('lobby', TOKEN_EXPIRED.lobby),
    );
    const begun = signalled();
    const client = lobbyClient(origin, {
      auth: {
        getToken: () => current,
        refreshToken: async () => {
          begun.fire();
          await new Promise((resolve) => setTimeout(resolve, RENEWAL_MS));
          current = 'renewed-token-0002';
          return current;
        },
      },
    });
    const other = client.get('lobbies/lobby-2').json();
    const measured = await abortDuringWait((signal) => client.get('lobbies/lobby-1', { signal }).json(), begun.promise);
    expectCancelledInTime(measured, 'lobby');
    const otherResult = await other;
    expect(otherResult.isOk()).toBe(true);
  });

  it('between polls of a Companion 202 "queued" answer', TEST_TIMEOUT, async () => {
    const begun = signalled();
    const queue = companionQueue({ pollsBeforeReady: 100 });
    const origin = await serve((request) => {
      begun.fire();
      return queue(request);
    });
    const client = createClient({ service: 'companion', prefix: `${origin}/`, poll: { limit: 5, intervalMs: WAIT_MS } });
    expectCancelledInTime(await abortDuringWait((signal) => client.get('market/items/catalog/5', { signal }).json(), begun.promise), 'companion');
  });

  it('while the request is in flight and the service never answers', TEST_TIMEOUT, async () => {
    const begun = signalled();
    const origin = await serve(
      () =>
        new Promise<Response>(() => {
          begun.fire();
        }),
    );
    const client = lobbyClient(origin, { timeout: 30_000 });
    expectCancelledInTime(await abortDuringWait((signal) => client.get('lobbies/lobby-1', { signal }).json(), begun.promise), 'lobby');
  });

  it("through the client's own signal, during a backoff", TEST_TIMEOUT, async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const origin = await serve(() => serviceError('lobby', 3));
    const begun = signalled();
    const controller = new AbortController();
    const client = lobbyClient(origin, { signal: controller.signal, retry: { backoff: { baseMs: WAIT_MS, capMs: WAIT_MS } }, onRetry: begun.fire });
    expectCancelledInTime(await abortDuringWait(() => client.get('lobbies/lobby-1').json(), begun.promise, controller), 'lobby');
  });

  it('in withRetry, during a backoff after a dropped connection', TEST_TIMEOUT, async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const begun = signalled();
    const measured = await abortDuringWait(
      async (signal) =>
        await withRetry(
          (): number => {
            throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
          },
          { service: 'nex', signal, retry: { backoff: { baseMs: WAIT_MS, capMs: WAIT_MS } }, onRetry: begun.fire },
        ),
      begun.promise,
    );
    expectCancelledInTime(measured, 'nex');
  });

  it('leaves no timer, socket or server holding the process once the aborted calls have settled', TEST_TIMEOUT, async () => {
    // Runs last: the waits above were all cut short, so nothing of theirs may still be pending.
    expect(await leftBehind(baseline)).toEqual([]);
  });
});
