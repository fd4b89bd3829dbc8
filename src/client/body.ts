import type { ClassifyContext } from '../core/adapter.ts';
import { GameServiceError } from '../core/error.ts';
import type { Service } from '../core/service.ts';
import { now } from '../retry/sleep.ts';

/**
 * The most bytes of a success body the client reads by default: 16 MiB, counted as decoded (after
 * gzip, deflate or brotli). Far above any answer of these services' APIs, far below what would
 * hurt a process; a compressed body that swells past it costs no more than the bound.
 */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A body read stopped at its bound: how far it got. Turned into the call's error by the caller. */
export class BodyLimitExceeded extends Error {
  override readonly name = 'BodyLimitExceeded';
  readonly limitBytes: number;
  /** The bytes read when the bound was passed, or the length the answer announced. */
  readonly seenBytes: number;
  /** True when the answer's Content-Length alone said the body is too large, before any reading. */
  readonly announced: boolean;

  constructor(limitBytes: number, seenBytes: number, announced: boolean) {
    super(`The body is larger than ${limitBytes} bytes.`);
    this.limitBytes = limitBytes;
    this.seenBytes = seenBytes;
    this.announced = announced;
  }
}

/** The error of a success body past `maxBodyBytes`: not transient, so never retried. */
export function bodyTooLarge<S extends Service>(service: S, exceeded: BodyLimitExceeded, context: ClassifyContext | undefined, status: number): GameServiceError<S> {
  const { limitBytes, seenBytes, announced } = exceeded;
  return new GameServiceError<S>({
    service,
    code: 'BODY_TOO_LARGE',
    category: 'unsupported',
    retry: 'never',
    description: announced
      ? `The answer's body is ${seenBytes} bytes (Content-Length), more than the ${limitBytes} bytes the client reads (maxBodyBytes): it was not read.`
      : `The answer's body grew past the ${limitBytes} bytes the client reads (maxBodyBytes) while being read: the rest was not read.`,
    status,
    details: { limitBytes, readBytes: announced ? 0 : seenBytes, ...(announced ? { contentLength: seenBytes } : {}), ...(context?.request === undefined ? {} : { request: { method: context.request.method, url: context.request.url } }) },
    secrets: context?.secrets,
  });
}

/**
 * `maxBodyBytes` as given: a positive whole number of bytes, or Infinity for no bound. Returns
 * the problem as a sentence when it cannot be used.
 */
export function checkMaxBodyBytes(value: unknown): number | string {
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  return `maxBodyBytes must be a positive whole number of bytes or Infinity, got ${typeof value === 'number' ? String(value) : typeof value}.`;
}

/** What a body read is bounded by besides its size. */
export interface BodyReadLimits {
  readonly maxBytes: number;
  /** The longest wait for the next bytes, in milliseconds: ky's `timeout` (Infinity for no bound). */
  readonly idleMs: number;
  /** The longest the whole read may take, in milliseconds: what is left of the call's time (Infinity for no bound). */
  readonly totalMs: number;
  readonly signal: AbortSignal | undefined;
  /**
   * True when the body is fetch's own, framed by the connection: once its Content-Length is read
   * it is over. A Response made by a hook or a fetch of the caller's may carry a stale length.
   */
  readonly framed?: boolean | undefined;
}

/** Why a read stopped before its end. */
type Stop = 'idle' | 'total' | 'aborted';

/** What a read that has to wait for bytes loses the race to QUEUED with. */
export const NOT_QUEUED = Symbol('not queued');
/**
 * Settled already: raced after a stream read, it loses to a read of bytes already queued (that
 * read settled first) and wins against one that has to wait, which is then worth a timer.
 */
export const QUEUED = Promise.resolve(NOT_QUEUED);

/** What a read that ran out of time fails with: read as a timeout by every adapter. */
function bodyTimedOut(stop: Stop, limits: BodyReadLimits): DOMException {
  return new DOMException(
    stop === 'idle'
      ? `The answer's body stopped arriving: no bytes for ${String(Math.round(limits.idleMs))} ms (timeout).`
      : 'The call ran out of time (maxRetryTime) while its answer\'s body was still arriving.',
    'TimeoutError',
  );
}

/** Bytes of a body from its chunks, in one buffer. */
export function joined(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Fires once, on the first of: no bytes for `idleMs`, `totalMs` gone, the signal's abort. One
 * timer serves both bounds, and bytes arriving only note the time: a timer set for the idle bound
 * that finds bytes arrived meanwhile is set again for what is left, so a body of many chunks costs
 * no timer per chunk.
 */
export class ReadWatch {
  readonly stopped: Promise<Stop>;
  #stop: (stop: Stop) => void = () => undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastBytesAt: number;
  /** Which bound the timer is set for, and whether bytes arrived since it was set. */
  #armedFor: 'idle' | 'total' = 'idle';
  #armedMs = 0;
  #moved = false;
  /** What is left of `totalMs`, counted in the time the timers were set for. */
  #totalLeft: number;
  readonly #endsAt: number;
  readonly #limits: BodyReadLimits;
  readonly #onAbort = (): void => { this.#stop('aborted'); };

  /** `startedAt`: when the read began, on the engine's clock; the idle bound counts from now. */
  constructor(limits: BodyReadLimits, startedAt: number) {
    this.#limits = limits;
    this.stopped = new Promise((resolve) => {
      this.#stop = resolve;
    });
    this.#lastBytesAt = now();
    this.#endsAt = startedAt + limits.totalMs;
    this.#totalLeft = limits.totalMs - (this.#lastBytesAt - startedAt);
    limits.signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#arm();
  }

  /** The timer for the nearer bound, or none when neither is finite. */
  #arm(): void {
    const idleLeft = Math.max(0, this.#limits.idleMs - (now() - this.#lastBytesAt));
    const delay = Math.min(idleLeft, this.#totalLeft);
    if (!Number.isFinite(delay)) return;
    this.#armedFor = this.#totalLeft <= idleLeft ? 'total' : 'idle';
    this.#moved = false;
    // Whole milliseconds: Node keeps one timer list per duration, and a fractional one would make its own.
    this.#armedMs = Math.ceil(delay);
    this.#timer = setTimeout(this.#check, this.#armedMs);
  }

  // The timers' own time counts as well as the clock's: under fake timers the clock may stand
  // still, and a bound must still be reached.
  readonly #check = (): void => {
    this.#totalLeft -= this.#armedMs;
    const time = now();
    if (this.#armedFor === 'total' || this.#totalLeft <= 0 || time >= this.#endsAt) this.#stop('total');
    else if (!this.#moved || time - this.#lastBytesAt >= this.#limits.idleMs) this.#stop('idle');
    else this.#arm();
  };

  /** Bytes arrived: the wait for the next ones starts again. */
  progressed(): void {
    this.#lastBytesAt = now();
    this.#moved = true;
  }

  end(): void {
    clearTimeout(this.#timer);
    this.#limits.signal?.removeEventListener('abort', this.#onAbort);
  }
}

/**
 * Reads a success answer's body whole, within its bounds: at most `maxBytes` decoded bytes, no
 * wait for bytes longer than `idleMs`, no longer in all than `totalMs`, and never past the
 * signal's abort. Rejects with a BodyLimitExceeded past the size bound (the rest is left unread
 * and the connection let go), with a TimeoutError when time runs out, with the signal's reason on
 * abort, and with the stream's own error when the connection drops mid-body.
 */
export async function readBodyBytes(response: Response, limits: BodyReadLimits): Promise<Uint8Array> {
  const { maxBytes, signal } = limits;
  const stream = response.body;
  if (stream === null) return new Uint8Array(0);
  // Without Content-Encoding the announced length is the decoded length: too large is known at once.
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  // The length of what is read: the announced one when the body is not encoded.
  const length = Number.isSafeInteger(announced) && announced >= 0 && !response.headers.has('content-encoding') ? announced : undefined;
  const endsAtLength = limits.framed === true ? length : undefined;
  if (length !== undefined && length > maxBytes) {
    stream.cancel().catch(() => undefined);
    throw new BodyLimitExceeded(maxBytes, length, true);
  }
  signal?.throwIfAborted();
  const startedAt = now();
  const reader = stream.getReader();
  // Set up only once a read has to wait: a body already arrived whole (a small answer usually
  // comes with its headers) is read without a timer.
  let watch: ReadWatch | undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      const read = reader.read();
      // A read of bytes already queued has settled: it wins the race against a settled promise.
      let chunk = await Promise.race(watch === undefined ? [read, QUEUED] : [read, watch.stopped]);
      // Bytes that keep coming at once leave no turn to timers or abort events: both bounds are checked here too.
      if (signal?.aborted === true) throw signal.reason;
      if (now() - startedAt >= limits.totalMs) throw bodyTimedOut('total', limits);
      if (chunk === NOT_QUEUED) {
        watch = new ReadWatch(limits, startedAt);
        // A read the watch overtakes may fail later: the race has handled its rejection already.
        chunk = await Promise.race([read, watch.stopped]);
      }
      if (typeof chunk === 'string') {
        if (chunk === 'aborted') throw signal?.reason;
        throw bodyTimedOut(chunk, limits);
      }
      if (chunk.done) break;
      watch?.progressed();
      total += chunk.value.byteLength;
      if (total > maxBytes) throw new BodyLimitExceeded(maxBytes, total, false);
      chunks.push(chunk.value);
      // Every announced byte is here: fetch ends the body itself (and fails it if more came).
      if (total === endsAtLength) break;
    }
    finished = true;
    return joined(chunks, total);
  } finally {
    watch?.end();
    // Whatever is left unread is not wanted: cancelling also lets the connection go. A body read
    // to its end keeps its reader: nothing can read it again, and releasing the lock would cost
    // a rejected promise.
    if (!finished) reader.cancel().catch(() => undefined);
  }
}
