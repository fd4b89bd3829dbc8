import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChild } from './child.ts';
import { FAULT_KINDS, formatFigures, leftBehind, LOAD_RETRY, resourceBaseline, runLoad, type LoadFigures } from './load.ts';

/** Sized for CI: thousands of calls, 64 at a time, in seconds. */
const CALLS = 2_000;
const CONCURRENCY = 64;

describe(`${String(CALLS)} calls, ${String(CONCURRENCY)} at a time, through the client against a server failing a third of requests`, () => {
  let figures: LoadFigures | undefined;
  let left: string[] = [];

  const run = async (): Promise<LoadFigures> => {
    if (figures !== undefined) return figures;
    const baseline = resourceBaseline();
    figures = await runLoad({ calls: CALLS, concurrency: CONCURRENCY, seed: 20_261_122 });
    left = await leftBehind(baseline);
    console.log(formatFigures(figures));
    return figures;
  };

  it('injects every kind of fault, about a third of the requests it rolls for', { timeout: 300_000 }, async () => {
    const { faults, requests, staleTokenAnswers } = await run();
    for (const kind of FAULT_KINDS) expect(faults[kind], kind).toBeGreaterThan(10);
    const injected = Object.values(faults).reduce((sum, count) => sum + count, 0);
    expect(injected / (requests - staleTokenAnswers)).toBeGreaterThan(0.25);
    expect(injected / (requests - staleTokenAnswers)).toBeLessThan(0.42);
  });

  it('settles every call as a Result: none hangs, none rejects, no unhandled rejection', { timeout: 300_000 }, async () => {
    const result = await run();
    expect(result.hung).toBe(0);
    expect(result.rejected).toBe(0);
    expect(result.unhandledRejections).toBe(0);
    expect(result.settled).toBe(CALLS);
    const errors = Object.values(result.errByCategory).reduce((sum, count) => sum + count, 0);
    expect(result.ok + errors).toBe(CALLS);
    expect(result.ok).toBeGreaterThan(CALLS / 2);
  });

  it('gives only errors that meet the contract, and never shows a token', { timeout: 300_000 }, async () => {
    const result = await run();
    expect(result.invalidErrors).toEqual([]);
    expect(result.leakedSecrets).toBe(0);
  });

  it('keeps every call within its retry limit and the client within its retry budget', { timeout: 300_000 }, async () => {
    const result = await run();
    expect(result.overLimit).toEqual([]);
    expect(result.maxAttempts).toBeLessThanOrEqual(LOAD_RETRY.limit + 2);
    expect(result.attemptMismatches).toEqual([]);
    const { spent, capacity, refundBound } = result.budget;
    expect(spent).toBeLessThanOrEqual(capacity + refundBound);
  });

  it('renews each expired token once, however many calls were turned away with it', { timeout: 300_000 }, async () => {
    const result = await run();
    expect(result.tokensExpired).toBeGreaterThan(10);
    expect(result.refreshes).toBeGreaterThan(0);
    expect(result.refreshes).toBeLessThanOrEqual(result.tokensExpired);
    expect(result.maxRefreshesPerToken).toBe(1);
    expect(result.maxCallsSharingARefresh).toBeGreaterThan(1);
  });

  it('leaves no timer, socket or server behind once closed', { timeout: 300_000 }, async () => {
    await run();
    expect(left).toEqual([]);
  });

  it('does not keep the process alive: a run in a process of its own exits by itself', { timeout: 180_000 }, async () => {
    // The child names what it left behind, if anything.
    const run = await runChild(fileURLToPath(new URL('load-child.ts', import.meta.url)), ['300'], 150_000);
    expect(run.errors).toBe('');
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    expect(JSON.parse(run.output)).toEqual({ settled: 300, calls: 300, hung: 0, unhandledRejections: 0, left: [] });
  });
});
