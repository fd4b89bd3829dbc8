import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GameServiceError } from '../src/core/error.ts';
import { fullJitter, spread } from '../src/retry/backoff.ts';
import { DEFAULT_BUDGET, RetryBudget, UnlimitedBudget } from '../src/retry/budget.ts';
import { MaintenanceGate } from '../src/retry/gate.ts';
import { GateClosed } from '../src/retry/scope.ts';
import { isIdempotentMethod, provesNotProcessed } from '../src/retry/idempotency.ts';
import { resolvePolicy, RetryOptionProblem, type RetryOptions } from '../src/retry/policy.ts';
import { registry } from '../src/services/registry.ts';
import { sleep } from '../src/retry/sleep.ts';
import { SERVICES } from '../src/core/service.ts';
import type { Category } from '../src/core/category.ts';
import { RETRY_BY_CATEGORY, CATEGORIES } from '../src/core/category.ts';

function error(category: Category, details?: Record<string, unknown>): GameServiceError<'lobby'> {
  return new GameServiceError({ service: 'lobby', code: 'UNKNOWN', category, retry: RETRY_BY_CATEGORY[category], description: category, details });
}

describe('fullJitter', () => {
  it('stays within [0, min(cap, base * 2^n))', () => {
    fc.assert(
      fc.property(fc.nat(64), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (retry, base, cap, random) => {
        const delay = fullJitter(retry, base, cap, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(cap, base * 2 ** Math.min(retry, 31)));
        expect(Number.isInteger(delay)).toBe(true);
      }),
    );
  });

  it('doubles the ceiling each retry until the cap', () => {
    const ceilings = [0, 1, 2, 3, 4, 5].map((retry) => fullJitter(retry, 100, 1_000, 0.999_999_9));
    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('spreads released calls over the window', () => {
    expect(spread(1_000, 0)).toBe(0);
    expect(spread(1_000, 0.5)).toBe(500);
    expect(spread(0, 0.9)).toBe(0);
  });
});

describe('RetryBudget', () => {
  it('starts full with the AWS standard-mode numbers', () => {
    const budget = new RetryBudget();
    expect([budget.capacity, budget.retryCost, budget.timeoutCost, budget.available]).toEqual([DEFAULT_BUDGET.capacity, 5, 10, 500]);
  });

  it('charges more for a timeout, refuses a retry it cannot pay for, and takes nothing then', () => {
    const budget = new RetryBudget({ capacity: 12 });
    expect(budget.take(budget.costOf(true))).toBe(true);
    expect(budget.available).toBe(2);
    expect(budget.take(budget.costOf(false))).toBe(false);
    expect(budget.available).toBe(2);
  });

  it('gives back the last retry\'s cost on success, or 1 when there was no retry, never above capacity', () => {
    const budget = new RetryBudget({ capacity: 20 });
    budget.take(5);
    budget.take(10);
    budget.refund(10);
    expect(budget.available).toBe(15);
    budget.refund(0);
    expect(budget.available).toBe(16);
    for (let index = 0; index < 10; index += 1) budget.refund(5);
    expect(budget.available).toBe(20);
  });

  it('never runs dry when turned off', () => {
    const budget = new UnlimitedBudget();
    for (let index = 0; index < 1_000; index += 1) expect(budget.take(10)).toBe(true);
  });
});

describe('idempotency', () => {
  it('lets GET, HEAD, PUT, DELETE and OPTIONS repeat, not POST or PATCH', () => {
    expect(['GET', 'head', 'PUT', 'delete', 'OPTIONS'].every(isIdempotentMethod)).toBe(true);
    expect(['POST', 'patch'].some(isIdempotentMethod)).toBe(false);
  });

  it('counts only refusals and connections refused before sending as proof that nothing was done', () => {
    const proving = CATEGORIES.filter((category) => provesNotProcessed(error(category)));
    expect(proving).toEqual(['maintenance', 'rate-limited', 'token-expired']);
    expect(provesNotProcessed(error('network', { notSent: true }))).toBe(true);
    expect(provesNotProcessed(error('network', { notSent: false }))).toBe(false);
  });
});

describe('resolvePolicy', () => {
  const base = registry.lobby.preset.retry;

  it('returns the base itself when nothing is overridden', () => {
    expect(resolvePolicy(base, undefined)).toBe(base);
  });

  it('overrides what is given and keeps the rest', () => {
    expect(resolvePolicy(base, { limit: 0, backoff: { capMs: 100 }, maxRetryTime: Number.POSITIVE_INFINITY })).toEqual({ ...base, limit: 0, backoffCapMs: 100, maxRetryTime: Number.POSITIVE_INFINITY });
  });

  it.each<[string, unknown]>([
    ['retry.limit', { limit: -1 }],
    ['retry.limit', { limit: 1.5 }],
    ['retry.limit', { limit: Number.POSITIVE_INFINITY }],
    ['retry.maxRetryTime', { maxRetryTime: Number.NaN }],
    ['retry.rateLimitWaitMs', { rateLimitWaitMs: Number.POSITIVE_INFINITY }],
    ['retry.backoff.baseMs', { backoff: { baseMs: '5' } }],
    ['retry.backoff', { backoff: 5 }],
    ['retry must be an object', 'fast'],
    ['retry.limits is not a retry option', { limits: 3 }],
    ['retry.backoff.base is not a backoff option', { backoff: { base: 10 } }],
    // A client's own retry keys are not a call's.
    ['retry.budget is not a retry option', { budget: false }],
  ])('names the bad option: %s', (name, options) => {
    const problem = resolvePolicy(base, options as RetryOptions);
    expect(problem).toBeInstanceOf(RetryOptionProblem);
    expect((problem as RetryOptionProblem).message).toContain(name);
  });
});

describe('presets', () => {
  it.each(SERVICES)('%s: every wait and bound is set and sane', (service) => {
    const { retry, budget, gateSpreadMs } = registry[service].preset;
    expect(retry.limit).toBeGreaterThanOrEqual(1);
    expect(retry.backoffBaseMs).toBeLessThanOrEqual(retry.backoffCapMs);
    expect(retry.rateLimitWaitMs).toBeLessThanOrEqual(retry.maxRetryAfter);
    expect(retry.maintenanceWaitMs).toBeLessThanOrEqual(retry.maxRetryAfter);
    expect(retry.maxRetryAfter).toBeLessThan(retry.maxRetryTime);
    expect(budget).toEqual(DEFAULT_BUDGET);
    expect(gateSpreadMs).toBeGreaterThan(0);
  });
});

describe('MaintenanceGate', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const maintenance = error('maintenance');

  it('lets calls through while open', async () => {
    const gate = new MaintenanceGate();
    expect(gate.isOpen).toBe(true);
    await expect(gate.pass({ signal: undefined, timeLeftMs: Number.POSITIVE_INFINITY })).resolves.toBe('go');
  });

  it('lets one probe through when the wait is over, then the others once it answered', async () => {
    const gate = new MaintenanceGate();
    gate.close(1_000, maintenance);
    const passes: string[] = [];
    const waiting = [0, 1, 2].map((index) => gate.pass({ signal: undefined, timeLeftMs: Number.POSITIVE_INFINITY }).then((pass) => passes.push(`${index}:${pass}`)));
    await vi.advanceTimersByTimeAsync(999);
    expect(passes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toEqual(['0:probe']);
    gate.report('answered');
    await Promise.all(waiting);
    expect(passes).toEqual(['0:probe', '1:released', '2:released']);
    expect(gate.isOpen).toBe(true);
  });

  it('closes again when the probe meets maintenance, and hands the probe on when it was abandoned', async () => {
    const gate = new MaintenanceGate();
    gate.close(100, maintenance);
    const first = gate.pass({ signal: undefined, timeLeftMs: Number.POSITIVE_INFINITY });
    const second = gate.pass({ signal: undefined, timeLeftMs: Number.POSITIVE_INFINITY });
    await vi.advanceTimersByTimeAsync(100);
    await expect(first).resolves.toBe('probe');
    gate.close(200, maintenance);
    expect(gate.remaining()).toBe(200);
    await vi.advanceTimersByTimeAsync(200);
    await expect(second).resolves.toBe('probe');
    const third = gate.pass({ signal: undefined, timeLeftMs: Number.POSITIVE_INFINITY });
    gate.report('abandoned');
    await expect(third).resolves.toBe('probe');
  });

  it('never shortens a wait already set', () => {
    const gate = new MaintenanceGate();
    gate.close(5_000, maintenance);
    gate.close(1_000, maintenance);
    expect(gate.remaining()).toBe(5_000);
  });

  it('refuses at once a call whose deadline comes before the gate reopens', async () => {
    const gate = new MaintenanceGate();
    gate.close(10_000, maintenance);
    await expect(gate.pass({ signal: undefined, timeLeftMs: 5_000 })).rejects.toBeInstanceOf(GateClosed);
    const waiting = gate.pass({ signal: undefined, timeLeftMs: 20_000 });
    gate.close(30_000, maintenance);
    await expect(waiting).rejects.toMatchObject({ error: maintenance });
  });

  it('lets a waiting call go when its signal aborts', async () => {
    const gate = new MaintenanceGate();
    gate.close(10_000, maintenance);
    const controller = new AbortController();
    const waiting = gate.pass({ signal: controller.signal, timeLeftMs: Number.POSITIVE_INFINITY });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the wait, at once for none, and rejects at once on abort', async () => {
    let done = false;
    void sleep(1_000, undefined).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    await expect(sleep(0, undefined)).resolves.toBeUndefined();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(10, controller.signal)).rejects.toThrow('stop');
  });
});
