import { err, errAsync, ok, okAsync } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GameServiceError } from '../src/core/error.ts';
import type { Service } from '../src/core/service.ts';
import type { GiveUpEvent, RetryEvent } from '../src/retry/events.ts';
import type { AttemptContext } from '../src/retry/operation.ts';
import { createRetryScope } from '../src/retry/scope.ts';
import { toResultCode } from '../src/services/nex/result-code.ts';
import { msnpErrorLine, msnpOut, rmcErrorFrame, rmcSuccessFrame } from '../src/testing/index.ts';
import { withRetry } from '../src/with-retry.ts';
import { drive } from './client-support.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function nexCode(display: string): number {
  const code = toResultCode(display);
  if (code === undefined) throw new Error(`no result code for ${display}`);
  return code;
}

/** An RMC error frame answering call 1 of the Authentication protocol. */
function nexError(display: string): Uint8Array {
  return rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: nexCode(display) });
}

const NEX_OK = rmcSuccessFrame({ protocolId: 10, callId: 1, methodId: 1, body: new Uint8Array([1, 2, 3]) });

/** A socket error as Node reports it. */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:60000`), { code });
}

interface Observed<S extends Service> {
  readonly retries: RetryEvent<S>[];
  readonly giveUps: GiveUpEvent<S>[];
}

function observers<S extends Service>(): Observed<S> & { onRetry(event: RetryEvent<S>): void; onGiveUp(event: GiveUpEvent<S>): void } {
  const retries: RetryEvent<S>[] = [];
  const giveUps: GiveUpEvent<S>[] = [];
  return { retries, giveUps, onRetry: (event) => retries.push(event), onGiveUp: (event) => giveUps.push(event) };
}

/** A rejection with a raw answer, as a transport library would reject with a frame or a line. */
async function failWith(raw: unknown): Promise<never> {
  await Promise.resolve();
  throw raw;
}

/** An operation that answers from a script, one step per attempt; an Error or a frame is thrown. */
function scripted<T>(steps: readonly (T | { readonly throws: unknown })[]): ((context: AttemptContext) => Promise<T>) & { readonly contexts: AttemptContext[] } {
  const contexts: AttemptContext[] = [];
  const operation = (context: AttemptContext): Promise<T> => {
    contexts.push(context);
    const step = steps[Math.min(contexts.length, steps.length) - 1];
    if (typeof step === 'object' && step !== null && 'throws' in step) return failWith(step.throws);
    return Promise.resolve(step as T);
  };
  return Object.assign(operation, { contexts });
}

describe('withRetry over a NEX RMC call', () => {
  it('retries a transient result code and a dropped connection, then gives the value', async () => {
    const call = scripted<Uint8Array>([{ throws: nexError('2306-0342') }, { throws: socketError('ECONNRESET') }, NEX_OK]);
    const seen = observers<'nex'>();
    const result = await drive(withRetry(call, { service: 'nex', ...seen }));
    expect(result.isOk() && result.value).toBe(NEX_OK);
    expect(call.contexts.map((context) => context.attempt)).toEqual([1, 2, 3]);
    expect(seen.retries.map((event) => [event.error.code, event.error.category])).toEqual([
      ['2306-0342', 'unavailable'],
      ['NETWORK', 'network'],
    ]);
  });

  it('does not retry a result code that will not change: the error carries it', async () => {
    const call = scripted<Uint8Array>([{ throws: nexError('2306-0304') }]);
    const seen = observers<'nex'>();
    const result = await drive(withRetry(call, { service: 'nex', ...seen }));
    const error = result._unsafeUnwrapErr();
    expect(error.code).toBe('2306-0304');
    expect(error.codeName).toBe('RendezVous::InvalidPassword');
    expect(error.attempts).toBe(1);
    expect(call.contexts).toHaveLength(1);
    expect(seen.giveUps[0]?.reason).toBe('final');
  });

  it('renews an expired NEX token once and gives the operation the new one', async () => {
    const call = scripted<Uint8Array>([{ throws: nexError('2306-0806') }, NEX_OK]);
    const refreshToken = vi.fn(() => Promise.resolve('nex-token-2'));
    const result = await drive(withRetry(call, { service: 'nex', auth: { getToken: () => 'nex-token-1', refreshToken } }));
    expect(result.isOk()).toBe(true);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(call.contexts.map((context) => context.token)).toEqual(['nex-token-1', 'nex-token-2']);
  });

  it('renews once for 20 concurrent calls rejected with the same token', async () => {
    let valid = 'nex-token-1';
    const refreshToken = vi.fn(() => Promise.resolve((valid = 'nex-token-2')));
    const auth = { getToken: () => 'nex-token-1', refreshToken };
    const operation = ({ token }: AttemptContext): Promise<Uint8Array> => (token === valid && token === 'nex-token-2' ? Promise.resolve(NEX_OK) : failWith(nexError('2306-0806')));
    const results = await drive(Promise.all(Array.from({ length: 20 }, () => withRetry(operation, { service: 'nex', auth }))));
    expect(results.every((result) => result.isOk())).toBe(true);
    expect(refreshToken).toHaveBeenCalledTimes(1);
  });

  it('waits out Authentication::UnderMaintenance, then tries again', async () => {
    const call = scripted<Uint8Array>([{ throws: nexError('2306-0811') }, NEX_OK]);
    const seen = observers<'nex'>();
    const start = Date.now();
    const result = await drive(withRetry(call, { service: 'nex', ...seen }));
    expect(result.isOk()).toBe(true);
    expect(seen.retries[0]?.delayMs).toBe(30_000);
    expect(Date.now() - start).toBeGreaterThanOrEqual(30_000);
  });

  it('reads a returned err() Result as a failure and an ok() Result as the value', async () => {
    let attempt = 0;
    const operation = () => (attempt++ === 0 ? errAsync(nexError('2306-0342')) : okAsync('ready'));
    const result = await drive(withRetry(operation, { service: 'nex' }));
    expect(result.isOk() && result.value).toBe('ready');
    expect(attempt).toBe(2);
  });

  it('retries only failures that prove nothing was done when the operation is not idempotent', async () => {
    const timedOut = scripted<Uint8Array>([{ throws: socketError('ETIMEDOUT') }, NEX_OK]);
    const refused = scripted<Uint8Array>([{ throws: socketError('ECONNREFUSED') }, NEX_OK]);
    const first = await drive(withRetry(timedOut, { service: 'nex', idempotent: false }));
    const second = await drive(withRetry(refused, { service: 'nex', idempotent: false }));
    expect(first._unsafeUnwrapErr().category).toBe('timeout');
    expect(timedOut.contexts).toHaveLength(1);
    expect(second.isOk()).toBe(true);
    expect(refused.contexts).toHaveLength(2);
  });

  it('does not retry a program bug thrown by the operation', async () => {
    const call = scripted<Uint8Array>([{ throws: new TypeError('frame.subarray is not a function') }, NEX_OK]);
    const result = await drive(withRetry(call, { service: 'nex' }));
    expect(result._unsafeUnwrapErr().category).toBe('unknown');
    expect(call.contexts).toHaveLength(1);
  });
});

describe('withRetry over an MSNP command', () => {
  it('retries a 500 error line, then gives the answer', async () => {
    let attempt = 0;
    const send = () => (attempt++ === 0 ? err(msnpErrorLine(500, 12)) : ok('USR 12 OK alice@example.com 1 0\r\n'));
    const seen = observers<'msnp'>();
    const result = await drive(withRetry(send, { service: 'msnp', ...seen }));
    expect(result.isOk() && result.value).toBe('USR 12 OK alice@example.com 1 0\r\n');
    expect(seen.retries.map((event) => [event.error.code, event.error.category])).toEqual([['500', 'unavailable']]);
  });

  it('slows down after 800 and waits its default, 5 s', async () => {
    const call = scripted<string>([{ throws: msnpErrorLine(800, 3) }, 'CHG 3 NLN 0\r\n']);
    const seen = observers<'msnp'>();
    const result = await drive(withRetry(call, { service: 'msnp', ...seen }));
    expect(result.isOk()).toBe(true);
    expect(seen.retries[0]?.delayMs).toBe(5_000);
  });

  it('ends at once on 911: the credentials are wrong', async () => {
    const call = scripted<string>([{ throws: msnpErrorLine(911, 20) }]);
    const result = await drive(withRetry(call, { service: 'msnp' }));
    const error = result._unsafeUnwrapErr();
    expect(error.code).toBe('911');
    expect(error.category).toBe('unauthenticated');
    expect(call.contexts).toHaveLength(1);
  });

  it('shares a maintenance gate across calls to one server: OUT SSD makes the others wait', async () => {
    const scope = createRetryScope({ gateSpreadMs: 0 });
    const times: number[] = [];
    let down = true;
    const send = (): Promise<string> => {
      times.push(Date.now());
      return down ? failWith(msnpOut('SSD')) : Promise.resolve('OK\r\n');
    };
    const first = withRetry(send, { service: 'msnp', scope, retry: { maintenanceWaitMs: 10_000 } });
    await vi.advanceTimersByTimeAsync(0);
    const others = Array.from({ length: 3 }, () => withRetry(send, { service: 'msnp', scope, retry: { maintenanceWaitMs: 10_000 } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(times).toHaveLength(1);
    down = false;
    const results = await drive(Promise.all([first, ...others]));
    expect(results.every((result) => result.isOk())).toBe(true);
    expect(times).toHaveLength(5);
    expect(times.slice(1).every((time) => time - (times[0] ?? 0) >= 10_000)).toBe(true);
  });
});

describe('withRetry boundaries', () => {
  it('neither renews nor sends again after a first failure that came once maxRetryTime was over', async () => {
    const seen = observers<'nex'>();
    const refreshToken = vi.fn(() => Promise.resolve('nex-token-2'));
    let tokens = 0;
    const getToken = (): string => (tokens++ === 0 ? 'nex-token-1' : 'nex-token-2');
    const call = scripted<Uint8Array>([{ throws: nexError('2306-0806') }, NEX_OK]);
    const slow = (context: AttemptContext): Promise<Uint8Array> => {
      // The attempt holds the thread past the call's time, then fails with an expired token: its
      // failure is read before the deadline's timer can fire.
      if (call.contexts.length === 0) {
        const end = performance.now() + 350;
        while (performance.now() < end) { /* busy */ }
      }
      return call(context);
    };
    vi.useRealTimers();
    const result = await withRetry(slow, { service: 'nex', retry: { maxRetryTime: 300 }, auth: { getToken, refreshToken }, ...seen });
    expect(result._unsafeUnwrapErr().code).toBe('2306-0806');
    expect([call.contexts.length, refreshToken.mock.calls.length, seen.retries.length, seen.giveUps.map((event) => event.attempts)]).toEqual([1, 0, 0, [1]]);
  });

  it('ends an attempt that never settles at maxRetryTime, as a timeout, aborting its signal', async () => {
    const seen: AttemptContext[] = [];
    const pending = withRetry((context) => {
      seen.push(context);
      return new Promise<never>(() => undefined);
    }, { service: 'nex', retry: { maxRetryTime: 5_000 } });
    const error = (await drive(pending))._unsafeUnwrapErr();
    expect(error.category).toBe('timeout');
    expect(error.attempts).toBe(1);
    expect(seen[0]?.signal?.aborted).toBe(true);
  });

  it('gives the operation a signal that follows the caller\'s, and ends as cancelled when it aborts during a wait', async () => {
    const controller = new AbortController();
    const call = scripted<string>([{ throws: msnpErrorLine(800, 3) }, 'late']);
    const seen = observers<'msnp'>();
    const pending = withRetry(call, { service: 'msnp', signal: controller.signal, ...seen });
    for (let step = 0; step < 20 && seen.retries.length === 0; step += 1) await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    const error = (await pending)._unsafeUnwrapErr();
    expect(error.category).toBe('cancelled');
    expect(call.contexts[0]?.signal?.aborted).toBe(true);
    expect(call.contexts).toHaveLength(1);
  });

  it('shares a retry budget through a scope: when it is empty, errors return at once', async () => {
    const scope = createRetryScope({ budget: { capacity: 5, retryCost: 5 } });
    const failing = (): Promise<never> => Promise.reject(socketError('ECONNRESET'));
    const first = await drive(withRetry(failing, { service: 'nex', scope }));
    const second = await drive(withRetry(failing, { service: 'nex', scope }));
    expect(first._unsafeUnwrapErr().attempts).toBe(2);
    expect(second._unsafeUnwrapErr().attempts).toBe(1);
  });

  it('gives an invalid-request error, never a throw, for bad options', async () => {
    const noService = await withRetry(() => 1, {} as { service: 'nex' });
    const unknown = await withRetry(() => 1, { service: 'xbox' as 'nex' });
    const notAFunction = await withRetry('call' as unknown as () => number, { service: 'nex' });
    const badLimit = await withRetry(() => 1, { service: 'nex', retry: { limit: -1 } });
    const misspelt = await withRetry(() => 1, { service: 'nex', retry: { retries: 3 } as object });
    for (const result of [noService, unknown, notAFunction, badLimit, misspelt]) {
      expect(result._unsafeUnwrapErr().category).toBe('invalid-request');
    }
    expect(badLimit._unsafeUnwrapErr().description).toMatch(/retry\.limit/);
    expect(misspelt._unsafeUnwrapErr().description).toContain('retry.retries is not a retry option');
  });

  it('gives attempts and elapsed time on the final error', async () => {
    const call = scripted<string>([{ throws: msnpErrorLine(500, 1) }]);
    const error: GameServiceError<'msnp'> = (await drive(withRetry(call, { service: 'msnp', retry: { limit: 2 } })))._unsafeUnwrapErr();
    expect(error.attempts).toBe(3);
    expect(error.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});
