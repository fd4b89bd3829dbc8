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

async function readStream(stream: ReadableStream<Uint8Array>, limit: number): Promise<BodyText> {
  const reader = stream.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), failed: false, truncated: false };
      const room = limit - bytes;
      const chunk = value.byteLength > room ? value.subarray(0, room) : value;
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
    try {
      reader.releaseLock();
    } catch {
      // The lock is gone with the stream.
    }
  }
}

/**
 * Reads a Response's body as text, at most `limit` bytes of it. Never rejects: a body that
 * fails to read gives what was read before it failed (often nothing).
 */
export async function readBodyText(response: Response, limit: number = HTTP_LIMITS.readBytes): Promise<BodyText> {
  try {
    if (response.bodyUsed) return { text: undefined, failed: true, truncated: false };
    const stream = response.body;
    if (stream === null) return { text: undefined, failed: false, truncated: false };
    return await readStream(stream, limit);
  } catch {
    return { text: undefined, failed: true, truncated: false };
  }
}

/**
 * A snapshot of a fetch Response: status, headers and the start of its body as text. The
 * adapters parse the text once, so it is not parsed here. Never rejects.
 */
export async function snapshotResponse(response: Response, limit: number = HTTP_LIMITS.readBytes): Promise<ResponseSnapshot> {
  const status = safeGet(response, 'status');
  const headersValue = safeGet(response, 'headers');
  const headers: HeaderSource | undefined = isHeaderSource(headersValue) ? headersValue : undefined;
  const { text } = await readBodyText(response, limit);
  return {
    status: isHttpStatus(status) ? status : 0,
    ...(headers === undefined ? {} : { headers }),
    ...(text === undefined || text.length === 0 ? {} : { body: text }),
  };
}
