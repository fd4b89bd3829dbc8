/** Binary answers in whatever container they arrive: Uint8Array, Buffer, other views, ArrayBuffer. */

function tagOf(value: object): string {
  return Object.prototype.toString.call(value);
}

/**
 * The bytes of a binary value, as a view over the same memory (no copy); undefined for anything
 * else. Works across realms and never throws, whatever the value is (proxies, detached buffers).
 */
export function asBytes(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    const tag = tagOf(value);
    if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(value as ArrayBuffer);
  } catch {
    // A detached or hostile buffer: not readable as bytes.
  }
  return undefined;
}
