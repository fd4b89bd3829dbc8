/**
 * Exponential backoff with full jitter: a random delay between 0 and min(cap, base * 2^n).
 * Full jitter spreads retries of many clients evenly instead of in synchronised waves
 * (the shape AWS's "Exponential Backoff and Jitter" analysis recommends).
 *
 * @param retryIndex 0 for the first retry, 1 for the second, ...
 * @param random a number in [0, 1), Math.random by default
 */
export function fullJitter(retryIndex: number, baseMs: number, capMs: number, random: number = Math.random()): number {
  // 2^31 is already beyond any cap a caller could mean; stop growing the exponent there.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(retryIndex, 31));
  return Math.floor(random * ceiling);
}

/** A random delay in [0, spreadMs): calls released together start apart. */
export function spread(spreadMs: number, random: number = Math.random()): number {
  return Math.floor(random * spreadMs);
}
