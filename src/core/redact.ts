/**
 * Redaction for anything an error keeps: what was received, headers, URLs, messages.
 * Secrets are masked by key (authorization, cookie, token, password, ...) and, when the caller
 * knows them, by exact value, so a token echoed back in a body or a URL is masked too.
 */

export const REDACTED = '[redacted]';

/** Keys whose values are secrets wherever they appear: headers, JSON fields, query parameters. */
const SECRET_KEY =
  /authori[sz]ation|cookie|token|passw(?:or)?d|secret|api[-_]?key|credential|session[-_]?(?:id|key)|private[-_]?key|signature|^pass$|^pwd$|^ticket$|^f$|^z[ar]t$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Limits on what an error keeps of a raw answer. */
export const KEEP_LIMITS = {
  /** Longest string kept; the rest is cut with a marker. */
  stringChars: 2048,
  /** Most array items kept. */
  arrayItems: 32,
  /** Most object keys kept. */
  objectKeys: 64,
  /** Longest object key kept. */
  keyChars: 256,
  /** Deepest nesting kept. */
  depth: 6,
} as const;

// Each pattern is linear: a fixed prefix, then one bounded character class.
const BEARER = /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{1,4096})/gi;

/**
 * Whether the word after "Bearer", "Basic" or "Token" looks like a credential rather than prose
 * ("token expired", "basic checks"): long, or with a digit or symbol, or in mixed case.
 */
function looksLikeCredential(value: string): boolean {
  // A full stop ending the sentence ("Token expired.") is prose, not part of a credential.
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x2e) end -= 1;
  const word = end === value.length ? value : value.slice(0, end);
  return word.length >= 24 || /[0-9._~+/=-]/.test(word) || (/[A-Z]/.test(word.slice(1)) && /[a-z]/.test(word));
}
const KEY_VALUE =
  /((?:authori[sz]ation|cookie|token|access_?token|id_?token|refresh_?token|passw(?:or)?d|secret|api[-_]?key|ticket)["']?\s{0,4}[:=]\s{0,4}["']?)[^"'\s&,;}]{1,4096}/gi;

/**
 * MSN Messenger credentials, which travel in protocol lines rather than headers: the rest of a
 * `USR <trid> TWN|SSO|MD5 S ...` line (Passport ticket, challenge response), a bare Passport
 * ticket `t=...&p=...`, and Passport cookies (`MSPAuth`, `MSPProf`, ...).
 */
const MSNP_SIGN_IN = /\b(USR {1,4}\d{1,10} {1,4}(?:TWN|SSO|MD5|SHA) {1,4}S {1,4})[^\r\n]{1,8192}/gi;
const PASSPORT_TICKET = /(^|[\s,;"'?&])t=[^\s&"']{1,8192}&p=[^\s&"']{0,8192}/g;
const PASSPORT_COOKIE = /\b(MSP(?:Auth|Prof|Pre|Sec|Clr|Cid|Tix) {0,4}[:=] {0,4})[^\s;&"']{1,8192}/gi;

/** The user info of a URL written in text (`https://player:secret@host/`): a password, whatever it looks like. */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s/?#@"'<>]{1,1024})@/gi;

/** The user info of every URL written in `text` (`player:secret` of `https://player:secret@host/`). */
export function urlUserInfoIn(text: string): string[] {
  return [...text.matchAll(URL_USER_INFO)].map((match) => match[2] ?? '');
}

/** What every pattern below needs to match: text without any of these has nothing to mask. */
const MIGHT_HOLD_SECRET = /bearer|basic|token|authori[sz]ation|cookie|passw|secret|api[-_]?key|ticket|usr|msp|t=|@/i;

/** Shortest secret masked by value: shorter ones would mask ordinary words. */
const SHORTEST_SECRET = 4;

function maskValue(text: string, secret: string): string {
  return secret.length >= SHORTEST_SECRET && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/**
 * A secret as it travels in a URL: percent-encoded as a path segment or query value
 * (encodeURIComponent), and as a form value (URLSearchParams: spaces as `+`). Empty when it has
 * nothing to encode.
 */
export function encodedForms(secret: string): string[] {
  let component: string;
  try {
    component = encodeURIComponent(secret);
  } catch {
    // A lone surrogate cannot be percent-encoded, and so never travels encoded either.
    return [];
  }
  if (component === secret) return [];
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  return form === component ? [component] : [component, form];
}

/** Masks known secret values (raw and percent-encoded) and secret-looking fragments in a piece of text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Secrets come from callers too (a ClassifyContext): anything but an array of strings is ignored.
  try {
    if (Array.isArray(secrets)) {
      // Encoded forms are looked for only in text that holds an encoding.
      const encoded = out.includes('%') || out.includes('+');
      for (const secret of secrets) {
        if (typeof secret !== 'string') continue;
        // The encoded forms first: a raw secret inside its own encoding would leave the rest behind.
        if (encoded) for (const form of encodedForms(secret)) out = maskValue(out, form);
        out = maskValue(out, secret);
      }
    }
  } catch {
    // A hostile list of secrets: the patterns below still apply.
  }
  return MIGHT_HOLD_SECRET.test(out) ? maskPatterns(out) : out;
}

/** Every secret-looking pattern masked; `redactText` calls it only for text that might hold one. */
export function maskPatterns(text: string): string {
  return text
    .replace(BEARER, (match: string, scheme: string, value: string) => (looksLikeCredential(value) ? `${scheme} ${REDACTED}` : match))
    .replace(KEY_VALUE, `$1${REDACTED}`)
    .replace(MSNP_SIGN_IN, `$1${REDACTED}`)
    .replace(PASSPORT_TICKET, `$1t=${REDACTED}`)
    .replace(PASSPORT_COOKIE, `$1${REDACTED}`)
    .replace(URL_USER_INFO, `$1${REDACTED}@`);
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

/** How far past the cut a kept string is still redacted: wider than any masked pattern can reach. */
const REDACT_MARGIN = 16_384;

/**
 * Text as an error keeps it: redacted and cut to the limit. Only the kept part and a margin past
 * it are redacted, so a multi-megabyte body costs no more to keep than a small one, and no secret
 * straddling the cut survives in part.
 */
export function keepText(text: string, limit: number, secrets: readonly string[] = []): string {
  if (text.length <= limit) return redactText(text, secrets);
  const redacted = redactText(text.slice(0, limit + REDACT_MARGIN), secrets);
  return `${redacted.slice(0, limit)}… [${text.length - limit} more characters]`;
}

function keepString(text: string, secrets: readonly string[]): string {
  return keepText(text, KEEP_LIMITS.stringChars, secrets);
}

/** Sets a key without ever touching a prototype, whatever the key is called. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function readProperty(source: object, key: string): unknown {
  try {
    return (source as Record<string, unknown>)[key];
  } catch {
    return '[unreadable]';
  }
}

/** What one copy may spend in all: shared references and inventing proxies cannot multiply it. */
const WALK_BUDGET = { nodes: 1024, chars: 64 * 1024 } as const;

interface Walk {
  readonly secrets: readonly string[];
  readonly seen: WeakSet<object>;
  nodes: number;
  chars: number;
}

/**
 * A bounded, redacted, plain copy of any value: safe to keep in an error, print and serialise.
 * Never throws: getters that throw, proxies, cycles and exotic values are all rendered as text.
 */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  return copyValue(value, 0, { secrets, seen: new WeakSet(), nodes: WALK_BUDGET.nodes, chars: WALK_BUDGET.chars });
}

function copyValue(value: unknown, depth: number, walk: Walk): unknown {
  switch (typeof value) {
    case 'string': {
      if (walk.chars <= 0) return `[${value.length} characters not kept]`;
      const kept = keepText(value, Math.min(KEEP_LIMITS.stringChars, walk.chars), walk.secrets);
      walk.chars -= kept.length;
      return kept;
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return `${value.toString()}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return '[function]';
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (walk.seen.has(object)) return '[circular]';
  if (depth >= KEEP_LIMITS.depth) return '[nested too deep]';
  if (walk.nodes <= 0) return '[not kept: too large]';
  walk.nodes -= 1;
  walk.seen.add(object);
  try {
    if (object instanceof Uint8Array) return `[${object.byteLength} bytes]`;
    if (object instanceof ArrayBuffer) return `[${object.byteLength} bytes]`;
    if (typeof Headers !== 'undefined' && object instanceof Headers) return redactHeaders(object, walk.secrets);
    if (Array.isArray(object)) {
      const items = object.slice(0, KEEP_LIMITS.arrayItems).map((item) => copyValue(item, depth + 1, walk));
      if (object.length > KEEP_LIMITS.arrayItems) items.push(`[${object.length - KEEP_LIMITS.arrayItems} more items]`);
      return items;
    }
    const out: Record<string, unknown> = {};
    const keys = Object.keys(object);
    const shown = Math.min(keys.length, KEEP_LIMITS.objectKeys);
    let copied = 0;
    for (; copied < shown; copied += 1) {
      const key = keys[copied] ?? '';
      // Keys count against the walk's characters as values do: shared objects cannot multiply them.
      if (walk.chars <= 0) break;
      const name = key.length <= KEEP_LIMITS.keyChars ? key : keepText(key, KEEP_LIMITS.keyChars, walk.secrets);
      walk.chars -= name.length;
      define(out, name, isSecretKey(key) ? REDACTED : copyValue(readProperty(object, key), depth + 1, walk));
    }
    if (keys.length > copied) define(out, '…', `${keys.length - copied} more keys`);
    return out;
  } catch {
    return '[unreadable]';
  } finally {
    walk.seen.delete(object);
  }
}

export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** A plain, lower-cased copy of headers with every secret-bearing value masked. */
export function redactHeaders(headers: HeaderSource, secrets: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, value: string): void => {
    const name = key.toLowerCase();
    define(out, name, isSecretKey(name) ? REDACTED : keepString(value, secrets));
  };
  try {
    if (typeof Headers !== 'undefined' && headers instanceof Headers) {
      headers.forEach((value, key) => { add(key, value); });
    } else {
      for (const key of Object.keys(headers).slice(0, KEEP_LIMITS.objectKeys)) {
        const value = readProperty(headers, key);
        if (typeof value === 'string') add(key, value);
        else if (Array.isArray(value)) add(key, value.filter((item) => typeof item === 'string').join(', '));
      }
    }
  } catch {
    // A hostile headers object: keep what was read before it threw.
  }
  return out;
}

/**
 * The values of secret-looking query parameters (`access_token`, `api_key`, ...) in a URL, whole
 * or relative, or in a query given apart (ky's `searchParams`): masked wherever they show again,
 * as a server may echo a token it was sent in any field of its answer.
 */
export function secretQueryValues(source: unknown): string[] {
  const found: string[] = [];
  try {
    let params: URLSearchParams;
    if (typeof source === 'string') {
      const start = source.indexOf('?');
      if (start === -1) return found;
      const end = source.indexOf('#', start);
      params = new URLSearchParams(source.slice(start + 1, end === -1 ? undefined : end));
    } else if (source instanceof URLSearchParams) {
      params = source;
    } else if (typeof source === 'object' && source !== null) {
      params = new URLSearchParams(source as Record<string, string>);
    } else {
      return found;
    }
    for (const [key, value] of params) if (value.length > 0 && isSecretKey(key)) found.push(value);
  } catch {
    // A query that cannot be read is masked by key where the URL itself is kept (see redactUrl).
  }
  return found;
}

/** A URL with its user info and secret-looking query parameters masked. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  if (typeof url !== 'string') return '[not a URL]';
  // Without user info or a query, a URL has nothing to parse out: the text pass is enough.
  if (!url.includes('@') && !url.includes('?')) return cut(redactText(url, secrets), KEEP_LIMITS.stringChars);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return cut(redactText(url, secrets), KEEP_LIMITS.stringChars);
  }
  if (parsed.username) parsed.username = 'redacted';
  if (parsed.password) parsed.password = 'redacted';
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretKey(key)) parsed.searchParams.set(key, REDACTED);
  }
  return cut(redactText(parsed.toString(), secrets), KEEP_LIMITS.stringChars);
}
