import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lookup } from '../src/index.ts';
import { readRmcResponse, withNexRetry } from '../src/services/nex/index.ts';
import { toResultCode } from '../src/services/nex/result-code.ts';
import { nexResultBody, rmcErrorFrame, rmcSuccessFrame } from '../src/testing/index.ts';
import { withRetry } from '../src/with-retry.ts';
import { drive } from './client-support.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const SUCCESS = 0x00010001;
const SHORT = { retry: { maintenanceWaitMs: 10, backoff: { baseMs: 1, capMs: 1 } } } as const;

function resultOf(display: string): number {
  const code = toResultCode(display);
  if (code === undefined) throw new Error(`no result code for ${display}`);
  return code;
}

/** A connection whose calls answer the given frames in turn, the last one for ever after. */
function connection(...frames: Uint8Array[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    call(): Promise<Uint8Array> {
      const frame = frames[Math.min(calls, frames.length - 1)];
      calls += 1;
      return Promise.resolve(frame ?? new Uint8Array(0));
    },
  };
}

const login = (body: Uint8Array) => rmcSuccessFrame({ protocolId: 10, callId: 1, methodId: 1, body });

// The README's line, as written, under both entry points.
const entries = [
  ['withNexRetry', (operation: () => Promise<unknown>) => withNexRetry(operation, SHORT)],
  ['withRetry({ service: nex })', (operation: () => Promise<unknown>) => withRetry(operation, { service: 'nex', ...SHORT })],
] as const;

describe.each(entries)('%s with what readRmcResponse returns', (_name, run) => {
  it('fails with a failure frame\'s result, classified, and retries it by its advice', async () => {
    const tokenExpired = resultOf('2306-0806');
    const server = connection(rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: 0x8068000b }), rmcErrorFrame({ protocolId: 10, callId: 2, resultCode: tokenExpired }));
    const result = await drive(run(async () => readRmcResponse(await server.call())));
    expect(result.isErr()).toBe(true);
    // Maintenance (0x8068000B) is waited out; TokenExpired without auth ends the call.
    expect(server.calls).toBe(2);
    expect(result._unsafeUnwrapErr()).toMatchObject({ service: 'nex', code: '2306-0806', category: lookup('nex', '2306-0806')?.category });
  });

  it('fails with the error result a Login body starts with, and succeeds once the body says success', async () => {
    const pid = Uint8Array.of(0x39, 0x30, 0, 0);
    const server = connection(login(nexResultBody(0x8068000b)), login(nexResultBody(SUCCESS, pid)));
    const result = await drive(run(async () => readRmcResponse(await server.call())));
    expect(server.calls).toBe(2);
    const response = result._unsafeUnwrap();
    expect(response).toMatchObject({ success: true, protocolId: 10, methodId: 1 });
  });

  it('ends with the maintenance error when every Login says maintenance', async () => {
    const server = connection(login(nexResultBody(0x8068000b)));
    const result = await drive(run(async () => readRmcResponse(await server.call())));
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: '2306-0811', codeName: 'Authentication::UnderMaintenance', category: 'maintenance' });
    expect(server.calls).toBeGreaterThan(1);
  });

  it('reads every method known to lead with a result, and no other', async () => {
    for (const [protocolId, methodId] of [[10, 1], [10, 2], [10, 3], [11, 1], [11, 4]] as const) {
      const server = connection(rmcSuccessFrame({ protocolId, callId: 1, methodId, body: nexResultBody(resultOf('2306-0806')) }));
      const result = await drive(run(async () => readRmcResponse(await server.call())));
      expect(result._unsafeUnwrapErr().code).toBe('2306-0806');
    }
    // GetPID (10, 4) returns a principal id first: one with the top bit set is no error.
    const server = connection(rmcSuccessFrame({ protocolId: 10, callId: 1, methodId: 4, body: Uint8Array.of(0x06, 0x00, 0x68, 0x80) }));
    const result = await drive(run(async () => readRmcResponse(await server.call())));
    expect(result._unsafeUnwrap()).toMatchObject({ success: true, methodId: 4 });
    expect(server.calls).toBe(1);
  });

  it('takes a response returned bare, not in a Result, the same way', async () => {
    const server = connection(rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: resultOf('2306-0806') }));
    const result = await drive(run(async () => readRmcResponse(await server.call())._unsafeUnwrap()));
    expect(result._unsafeUnwrapErr().code).toBe('2306-0806');
  });

  it('keeps a frame that cannot be read as the error readRmcResponse gave', async () => {
    const server = connection(Uint8Array.of(9, 0, 0, 0, 0x0a));
    const result = await drive(run(async () => readRmcResponse(await server.call())));
    expect(result._unsafeUnwrapErr().details).toMatchObject({ invalidFrame: true });
  });
});

describe('withNexRetry', () => {
  it('sets the error bit a failure frame left out', async () => {
    const server = connection(rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: resultOf('2306-0806') & 0x7fffffff }));
    const result = await drive(withNexRetry(async () => readRmcResponse(await server.call())));
    expect(result._unsafeUnwrapErr().code).toBe('2306-0806');
  });

  it('takes an explicit undefined in its options as not given', async () => {
    const options = { retry: { limit: undefined, maxRetryTime: undefined, backoff: undefined }, signal: undefined, idempotent: undefined, auth: undefined, scope: undefined, onRetry: undefined };
    expect((await drive(withNexRetry(() => 7, options)))._unsafeUnwrap()).toBe(7);
    expect((await drive(withRetry(() => 8, { service: 'nex', ...options })))._unsafeUnwrap()).toBe(8);
  });

  it('answers invalid-request for an operation that is not a function', async () => {
    const result = await drive(withNexRetry(42 as unknown as () => number));
    expect(result._unsafeUnwrapErr().category).toBe('invalid-request');
  });
});
