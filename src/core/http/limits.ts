/** Bounds on how much of an HTTP answer is read, parsed and scanned: a hostile body costs little. */
export const HTTP_LIMITS = {
  /** Most bytes of a response body read by `classifyResponse`; the rest is left unread. */
  readBytes: 1024 * 1024,
  /** Longest body text of a 2xx answer handed to JSON.parse; a longer one is scanned, not parsed. */
  parseChars: 1024 * 1024,
  /** Longest body text of a failure answer parsed: no service's error document comes near it. */
  failureParseChars: 256 * 1024,
  /** Most characters scanned for codes, salvaged fields or maintenance text. */
  scanChars: 64 * 1024,
  /** Most header names looked through in a plain record of headers. */
  headerKeys: 256,
  /** Longest header name looked at. */
  headerNameChars: 256,
  /** Deepest nesting of JSON text parsed; deeper text is scanned, not parsed. */
  parseDepth: 64,
  /** Longest header value read. */
  headerChars: 1024,
  /** Most values visited when walking a parsed body. */
  walkNodes: 2000,
  /** Deepest nesting visited when walking a parsed body. */
  walkDepth: 8,
} as const;
