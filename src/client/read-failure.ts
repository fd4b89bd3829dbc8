import { HTTP_LIMITS } from '../core/http/limits.ts';
import { now } from '../retry/sleep.ts';
import { joined, NOT_QUEUED, QUEUED, ReadWatch } from './body.ts';

/** One decoder for every failure: the bytes are decoded at once, so no read's state is shared (a character cut at the bound reads as U+FFFD). */
const decoder = new TextDecoder();

/**
 * The start of a failure answer's body, as text: at most `HTTP_LIMITS.readBytes`, and no longer
 * than `timeoutMs`. A failure is classified from its start; a broken proxy or a hostile server
 * that streams a body without end must cost neither memory nor the call's time. Never rejects:
 * a body that cannot be read gives what was read of it, often nothing.
 */
export async function readFailureBody(response: Response, timeoutMs: number): Promise<string | undefined> {
  const stream = response.body;
  if (stream === null) return undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = stream.getReader();
  } catch {
    return undefined;
  }
  const limit = HTTP_LIMITS.readBytes;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  // Set only once a read has to wait: a body that came with the headers is read without a timer.
  let watch: ReadWatch | undefined;
  const startedAt = now();
  try {
    for (;;) {
      const read = reader.read();
      let chunk = await Promise.race([read, watch?.stopped ?? QUEUED]);
      if (chunk === NOT_QUEUED) {
        watch = new ReadWatch({ maxBytes: limit, idleMs: Number.POSITIVE_INFINITY, totalMs: timeoutMs, signal: undefined }, startedAt);
        chunk = await Promise.race([read, watch.stopped]);
      }
      // Out of time: the failure is read from what came.
      if (typeof chunk === 'string' || chunk.done) break;
      const room = limit - bytes;
      const value = chunk.value.byteLength > room ? chunk.value.subarray(0, room) : chunk.value;
      bytes += value.byteLength;
      chunks.push(value);
      if (bytes >= limit) break;
    }
    return decoder.decode(joined(chunks, bytes));
  } catch {
    return bytes > 0 ? decoder.decode(joined(chunks, bytes)) : undefined;
  } finally {
    watch?.end();
    // Whatever is left unread is not wanted: cancelling also closes the connection behind it.
    reader.cancel().catch(() => undefined);
  }
}
