import type { ResponseSnapshot } from '../adapter.ts';
import type { HeaderSource } from '../redact.ts';
import { safeGet } from '../safe.ts';
import { isHeaderSource } from './headers.ts';
import { HTTP_LIMITS } from './limits.ts';
import { isHttpStatus } from './status.ts';

/** A body as far as it could be read: its text up to the cap, and whether the read failed or stopped short. */
export interface BodyText {
  readonly text: string | undefined;
  /** True when reading failed part-way, or the body was already used. */
  readonly failed: boolean;
  /** True when the body was longer than the cap and only its start was read. */
  readonly truncated: boolean;
}

/** How long a body may take to read when the caller names no bound: ky bounds its own error bodies so. */
export const DEFAULT_BODY_READ_MS = 10_000;

/** When to stop waiting for more of a body: after `timeoutMs`, or when `signal` aborts. */
export interface BodyReadBounds {
  /** Milliseconds the whole read may take. @default DEFAULT_BODY_READ_MS */
  readonly timeoutMs?: number | undefined;
  /** Ends the read at once when it aborts. */
  readonly signal?: AbortSignal | undefined;
}

const STOPPED = Symbol('stopped');

/**
 * Settles with STOPPED when the read must end: at the time bound or the signal's abort. One
 * timer for the whole read, cleared by `end`.
 */
function readStop(bounds: BodyReadBounds): { readonly stopped: Promise<typeof STOPPED>; readonly end: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const { signal } = bounds;
  const timeoutMs = bounds.timeoutMs ?? DEFAULT_BODY_READ_MS;
  const stopped = new Promise<typeof STOPPED>((resolve) => {
    if (signal?.aborted === true) {
      resolve(STOPPED);
      return;
    }
    if (Number.isFinite(timeoutMs)) timer = setTimeout(() => { resolve(STOPPED); }, Math.max(0, Math.ceil(timeoutMs)));
    if (signal !== undefined) {
      onAbort = () => { resolve(STOPPED); };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  return {
    stopped,
    end: () => {
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    },
  };
}

async function readStream(stream: ReadableStream<Uint8Array>, limit: number, bounds: BodyReadBounds): Promise<BodyText> {
  const reader = stream.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const stop = readStop(bounds);
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), stop.stopped]);
      if (read === STOPPED) {
        // Out of time or called off: the answer is classified from what came of it.
        reader.cancel().catch(() => undefined);
        return { text: text.length > 0 ? text + decoder.decode() : undefined, failed: true, truncated: false };
      }
      if (read.done) return { text: text + decoder.decode(), failed: false, truncated: false };
      const room = limit - bytes;
      const chunk = read.value.byteLength > room ? read.value.subarray(0, room) : read.value;
      bytes += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
      if (bytes >= limit) {
        // Enough to classify: the rest is not worth holding in memory.
        reader.cancel().catch(() => undefined);
        return { text: text + decoder.decode(), failed: false, truncated: true };
      }
    }
  } catch {
    return { text: text.length > 0 ? text : undefined, failed: true, truncated: false };
  } finally {
    stop.end();
    try {
      reader.releaseLock();
    } catch {
      // The lock is gone with the stream, or a read is still pending on a cancelled one.
    }
  }
}

/**
 * Reads a Response's body as text, at most `limit` bytes of it, within `bounds`. Never rejects:
 * a body that fails to read, or stops coming, gives what was read before (often nothing).
 */
export async function readBodyText(response: Response, limit: number = HTTP_LIMITS.readBytes, bounds: BodyReadBounds = {}): Promise<BodyText> {
  try {
    if (response.bodyUsed) return { text: undefined, failed: true, truncated: false };
    const stream = response.body;
    if (stream === null) return { text: undefined, failed: false, truncated: false };
    return await readStream(stream, limit, bounds);
  } catch {
    return { text: undefined, failed: true, truncated: false };
  }
}

/**
 * A snapshot of a fetch Response: status, headers and the start of its body as text. The
 * adapters parse the text once, so it is not parsed here. Never rejects.
 */
export async function snapshotResponse(response: Response, limit: number = HTTP_LIMITS.readBytes, bounds: BodyReadBounds = {}): Promise<ResponseSnapshot> {
  const status = safeGet(response, 'status');
  const headersValue = safeGet(response, 'headers');
  const headers: HeaderSource | undefined = isHeaderSource(headersValue) ? headersValue : undefined;
  const { text } = await readBodyText(response, limit, bounds);
  return {
    status: isHttpStatus(status) ? status : 0,
    ...(headers === undefined ? {} : { headers }),
    ...(text === undefined || text.length === 0 ? {} : { body: text }),
  };
}
