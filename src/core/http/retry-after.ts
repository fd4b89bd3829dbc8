import type { HeaderSource } from '../redact.ts';
import { readHeader } from './headers.ts';

/** The longest wait a header may ask for; anything longer is read as this. */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

/** Numbers at least this large are points in time, not durations. */
const EPOCH_SECONDS = 1e9;
const EPOCH_MILLISECONDS = 1e12;

/** A number of any length: an absurdly long one is still a wait, read as the longest (see clamp). */
const NUMBER = /^\d{1,64}(?:\.\d{1,6})?$/;

function clamp(ms: number): number {
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(0, Math.round(ms)));
}

/** A reset given as seconds to wait, epoch seconds or epoch milliseconds, as a wait in ms. */
function resetToDelay(value: number, now: number): number {
  if (value >= EPOCH_MILLISECONDS) return clamp(value - now);
  if (value >= EPOCH_SECONDS) return clamp(value * 1000 - now);
  return clamp(value * 1000);
}

function readNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim().replace(/^"(.*)"$/, '$1');
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * Retry-After (RFC 9110): delay-seconds or an HTTP-date. A date in the past means "now" (0);
 * a value that is neither is ignored.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 64) return undefined;
  const seconds = readNumber(text);
  if (seconds !== undefined) return clamp(seconds * 1000);
  // An HTTP-date always names a month; a bare "-5" or "soon" is not one.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : clamp(date - now);
}

interface Window {
  remaining?: number;
  reset?: number;
}

const REMAINING_KEYS = new Set(['remaining', 'r']);
const RESET_KEYS = new Set(['reset', 't']);

/**
 * The RateLimit header of the IETF drafts, in both shapes seen in the wild:
 * `limit=20, remaining=0, reset=5` (and Unity-RateLimit's `;`-separated windows) and
 * `"default";r=0;t=5`. The wait is the longest reset among exhausted windows.
 */
export function parseRateLimit(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const windows: Window[] = [];
  let current: Window = {};
  let started = false;
  const next = (): void => {
    if (started) windows.push(current);
    current = {};
    started = false;
  };
  for (const part of value.split(/[,;]/)) {
    const token = part.trim();
    if (token.length === 0) continue;
    const equals = token.indexOf('=');
    if (equals < 0) {
      // A bare token names a policy: a new window begins.
      next();
      continue;
    }
    const key = token.slice(0, equals).trim().toLowerCase();
    const number = readNumber(token.slice(equals + 1));
    if (REMAINING_KEYS.has(key)) {
      if (current.remaining !== undefined) next();
      if (number !== undefined) current.remaining = number;
    } else if (RESET_KEYS.has(key)) {
      if (current.reset !== undefined) next();
      if (number !== undefined) current.reset = number;
    } else if (key === 'limit' || key === 'l' || key === 'q') {
      if (started && (current.remaining !== undefined || current.reset !== undefined)) next();
    }
    started = true;
  }
  next();
  let wait: number | undefined;
  for (const window of windows) {
    if (window.reset === undefined || (window.remaining !== undefined && window.remaining > 0)) continue;
    const delay = resetToDelay(window.reset, now);
    wait = wait === undefined ? delay : Math.max(wait, delay);
  }
  return wait;
}

/** A reset header (`RateLimit-Reset`, `X-RateLimit-Reset`) unless its remaining count says requests are left. */
function parseReset(reset: string | undefined, remaining: string | undefined, now: number): number | undefined {
  const value = readNumber(reset);
  if (value === undefined) return undefined;
  const left = readNumber(remaining);
  if (left !== undefined && left > 0) return undefined;
  return resetToDelay(value, now);
}

/** Every header a wait can be read from, by its lower-case name: each name retryAfterFromHeaders reads. */
const HINT_HEADERS: ReadonlySet<string> = new Set([
  'retry-after', 'x-retry-after', 'ratelimit', 'unity-ratelimit', 'ratelimit-reset', 'ratelimit-remaining',
  'x-ratelimit-reset', 'x-ratelimit-remaining', 'x-rate-limit-reset', 'x-rate-limit-remaining',
]);

/**
 * The headers to read a wait from. A fetch Headers is walked once for the few names that can
 * carry one (nine lookups would cost more), and most answers carry none: then there is nothing
 * to read.
 */
function hintHeaders(headers: HeaderSource | undefined): HeaderSource | undefined {
  let found: Record<string, string> | undefined;
  try {
    if (typeof Headers === 'undefined' || !(headers instanceof Headers)) return headers;
    headers.forEach((value, name) => {
      if (HINT_HEADERS.has(name)) (found ??= {})[name] = value;
    });
  } catch {
    // A Headers whose walk throws (a subclass): read what was found before it did.
  }
  return found;
}

/**
 * How long the service asks the caller to wait, in ms, from its headers: Retry-After first
 * (X-Retry-After, which UGS services send and Unity's Cloud Save SDK reads, in the same way), then
 * the RateLimit drafts, then the X-RateLimit convention. Absurd waits are clamped to 24 h;
 * garbage is ignored.
 */
export function retryAfterFromHeaders(given: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  const headers = hintHeaders(given);
  if (headers === undefined) return undefined;
  const read = (name: string): string | undefined => readHeader(headers, name);
  return (
    parseRetryAfter(read('retry-after'), now) ??
    parseRetryAfter(read('x-retry-after'), now) ??
    parseRateLimit(read('ratelimit'), now) ??
    parseRateLimit(read('unity-ratelimit'), now) ??
    parseReset(read('ratelimit-reset'), read('ratelimit-remaining'), now) ??
    parseReset(read('x-ratelimit-reset'), read('x-ratelimit-remaining'), now) ??
    parseReset(read('x-rate-limit-reset'), read('x-rate-limit-remaining'), now)
  );
}
