import { HTTP_LIMITS } from './limits.ts';

/** A response body, read once: parsed JSON when it was JSON, and the text when it came as text. */
export interface BodyReading {
  /** The parsed body: an object, array or scalar; undefined when the body was not JSON. */
  readonly json?: unknown;
  /** The body as text, when it arrived as text (JSON text included). */
  readonly text?: string;
  /** True when the text looked like JSON but did not parse: fields may still be salvaged from it. */
  readonly malformed?: boolean;
}

export const EMPTY_BODY: BodyReading = Object.freeze({});

/** True when text opens like a JSON object or array, so it is worth parsing. */
export function looksLikeJson(text: string): boolean {
  for (let index = 0; index < text.length && index < 64; index += 1) {
    const char = text.charCodeAt(index);
    // Skip a byte-order mark and whitespace.
    if (char === 0xfeff || char === 0x20 || char === 0x09 || char === 0x0a || char === 0x0d) continue;
    return char === 0x7b /* { */ || char === 0x5b /* [ */;
  }
  return false;
}

/**
 * Reads a body given as text or already parsed. Text that looks like JSON is parsed once, and
 * only up to a size cap; an object is taken as parsed and never serialised again.
 */
export function readBody(body: unknown, parseChars: number = HTTP_LIMITS.parseChars): BodyReading {
  if (body === undefined || body === null) return EMPTY_BODY;
  if (typeof body === 'string') return readText(body, parseChars);
  try {
    if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
      const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : body;
      return readText(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, HTTP_LIMITS.readBytes)), parseChars);
    }
  } catch {
    // A proxy that lies about its prototype is read as an object like any other.
  }
  return { json: body };
}

function readText(text: string, parseChars: number): BodyReading {
  if (!looksLikeJson(text)) return { text };
  if (text.length > parseChars || nestsDeeperThan(text, HTTP_LIMITS.parseDepth)) return { text, malformed: true };
  try {
    // JSON.parse rejects a byte-order mark, which some servers send.
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    return { json: JSON.parse(source) as unknown, text };
  } catch {
    return { text, malformed: true };
  }
}

/**
 * True when JSON text opens more than `limit` arrays or objects inside one another: no service's
 * answer does, and parsing such text costs far more than scanning it once.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* backslash */) index += 1;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/** The start of the body text, for scanning: never more than the scan cap. */
export function scanWindow(reading: BodyReading): string | undefined {
  return reading.text?.slice(0, HTTP_LIMITS.scanChars);
}

/** True for a plain JSON object (not an array). */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
