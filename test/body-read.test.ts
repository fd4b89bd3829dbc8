/**
 * The bounds of a success body's read, on fake time: the idle bound, reset by bytes arriving, and
 * the total bound, which bytes do not reset; also when the fake timers leave the clock standing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBodyBytes, type BodyReadLimits } from '../src/client/body.ts';

afterEach(() => {
  vi.useRealTimers();
});

const encoder = new TextEncoder();

/** A body that sends `chunks` every `everyMs` (then stays open, sending nothing), on the fake clock. */
function dripping(chunks: number, everyMs: number): Response {
  let sent = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode('['));
      timer = setInterval(() => {
        if (sent >= chunks) return;
        sent += 1;
        controller.enqueue(encoder.encode(sent === chunks ? '1]' : '1,'));
        if (sent === chunks) controller.close();
      }, everyMs);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(stream, { status: 200 });
}

/** A body that sends its start and then nothing, never closing. */
function stalled(): Response {
  return new Response(new ReadableStream<Uint8Array>({ start(controller) { controller.enqueue(encoder.encode('{"stalled":')); } }), { status: 200 });
}

const limits = (overrides: Partial<BodyReadLimits>): BodyReadLimits => ({ maxBytes: 1024, idleMs: 1_000, totalMs: Number.POSITIVE_INFINITY, signal: undefined, ...overrides });

describe.each([
  ['fake timers, the clock with them', undefined],
  ['fake setTimeout only, the clock standing still', ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const],
])('a body read under %s', (_label, toFake) => {
  const useFake = (): void => {
    vi.useFakeTimers(toFake === undefined ? undefined : { toFake: [...toFake] });
  };

  it('ends with a TimeoutError once no bytes came for idleMs (within two of them when the clock stands still)', async () => {
    useFake();
    const reading = readBodyBytes(stalled(), limits({}));
    let settled = false;
    const outcome = reading.then(() => 'read', (error: unknown) => error).finally(() => { settled = true; });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(toFake === undefined ? 2 : 1_002);
    const error = await outcome;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect((error as DOMException).message).toMatch(/no bytes for 1000 ms/);
  });

  it('keeps reading while bytes come more often than idleMs, however long it takes', async () => {
    useFake();
    const reading = readBodyBytes(dripping(5, 600), limits({}));
    await vi.advanceTimersByTimeAsync(600 * 5 + 10);
    expect(new TextDecoder().decode(await reading)).toBe('[1,1,1,1,1]');
  });

  it('ends at totalMs even while bytes keep coming', async () => {
    useFake();
    const reading = readBodyBytes(dripping(100, 300), limits({ totalMs: 2_000 }));
    const outcome = reading.then(() => 'read', (error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_100);
    const error = await outcome;
    expect((error as DOMException).name).toBe('TimeoutError');
    expect((error as DOMException).message).toMatch(/maxRetryTime/);
  });
});

/** A body whose every read is answered at once, without end: bytes that never make the read wait. */
function endless(onPull: (pulls: number) => void = () => undefined): Response {
  let pulls = 0;
  return new Response(new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      onPull(pulls);
      controller.enqueue(encoder.encode('1,'));
    },
  }), { status: 200 });
}

describe('a body read whose bytes are there before it asks', () => {
  it('sets no timer for a body that arrived whole', async () => {
    vi.useFakeTimers();
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of ['{"a":', '1', '}']) controller.enqueue(encoder.encode(part));
        controller.close();
      },
    });
    const bytes = await readBodyBytes(new Response(stream), limits({ totalMs: 5_000 }));
    expect(new TextDecoder().decode(bytes)).toBe('{"a":1}');
    expect(setTimer).not.toHaveBeenCalled();
  });

  it('ends once the announced length is read, without waiting for the stream to close', async () => {
    vi.useFakeTimers();
    const text = '{"lobby":"l-1"}';
    const open = new ReadableStream<Uint8Array>({ start(controller) { controller.enqueue(encoder.encode(text)); } });
    const response = new Response(open, { headers: { 'content-length': String(encoder.encode(text).byteLength) } });
    expect(new TextDecoder().decode(await readBodyBytes(response, limits({ framed: true })))).toBe(text);
  });

  it('reads to the stream\'s end when the body is not framed by the connection, whatever its Content-Length says', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"a":'));
        controller.enqueue(encoder.encode('1}'));
        controller.close();
      },
    });
    const response = new Response(stream, { headers: { 'content-length': '5' } });
    expect(new TextDecoder().decode(await readBodyBytes(response, limits({})))).toBe('{"a":1}');
  });

  it('counts the idle bound from the first read that waits, after bytes that were queued', async () => {
    vi.useFakeTimers();
    const reading = readBodyBytes(stalled(), limits({}));
    let settled = false;
    const outcome = reading.then(() => 'read', (error: unknown) => error).finally(() => { settled = true; });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(((await outcome) as DOMException).message).toMatch(/no bytes for 1000 ms/);
  });

  it('still ends at totalMs when bytes keep coming faster than it reads', async () => {
    const error = await readBodyBytes(endless(), limits({ maxBytes: Number.POSITIVE_INFINITY, totalMs: 20 })).then(() => 'read', (thrown: unknown) => thrown);
    expect((error as DOMException).name).toBe('TimeoutError');
    expect((error as DOMException).message).toMatch(/maxRetryTime/);
  });

  it('still ends at the signal\'s abort when bytes keep coming faster than it reads', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the caller');
    const body = endless((pulls) => { if (pulls === 50) controller.abort(reason); });
    const error = await readBodyBytes(body, limits({ maxBytes: Number.POSITIVE_INFINITY, signal: controller.signal })).then(() => 'read', (thrown: unknown) => thrown);
    expect(error).toBe(reason);
  });

  it('still ends at maxBytes when bytes keep coming faster than it reads', async () => {
    const error = await readBodyBytes(endless(), limits({ maxBytes: 4_096 })).then(() => 'read', (thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'BodyLimitExceeded', limitBytes: 4_096 });
  });
});
