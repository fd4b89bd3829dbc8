import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  companionQueue,
  expiringToken,
  flaky,
  FLAKY_FAULTS,
  maintenanceWindow,
  networkError,
  rateLimit,
  sequence,
  serviceError,
  serviceSuccess,
  type Responder,
} from '../src/testing/index.ts';

const url = 'https://fake.test/api';
const get = (headers: Record<string, string> = {}): Request => new Request(url, { headers });
const ok: Responder = () => serviceSuccess('lobby', { ok: true });

async function code(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return body.code ?? body.status;
  } catch {
    return text;
  }
}

describe('maintenanceWindow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['coral', 200, 9511],
    ['companion', 503, 'Under Maintenance'],
    ['platform', 473, 473],
    ['lobby', 503, 3],
  ] as const)('answers %s maintenance in its own form until the window ends', async (service, status, expected) => {
    const fake = maintenanceWindow({ service, durationMs: 60_000, retryAfterSeconds: 60 }, () => serviceSuccess(service, { up: true }));
    const during = await fake(get());
    expect(during.status).toBe(status);
    expect(during.headers.get('retry-after')).toBe('60');
    expect(await code(during)).toBe(expected);
    vi.advanceTimersByTime(59_999);
    expect((await fake(get())).status).toBe(status);
    vi.advanceTimersByTime(1);
    const after = await fake(get());
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('"up":true');
  });

  it('sends no Retry-After unless asked, and can open later', async () => {
    const fake = maintenanceWindow({ service: 'lobby', durationMs: 1_000, startsAt: Date.now() + 5_000 }, ok);
    expect((await fake(get())).status).toBe(200);
    vi.advanceTimersByTime(5_000);
    const during = await fake(get());
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBeNull();
    vi.advanceTimersByTime(1_000);
    expect((await fake(get())).status).toBe(200);
  });

  it('runs on a given clock', async () => {
    let now = 0;
    const fake = maintenanceWindow({ service: 'coral', durationMs: 10, now: () => now });
    expect(await code(await fake(get()))).toBe(9511);
    now = 10;
    expect(await code(await fake(get()))).toBe(0);
  });
});

describe('expiringToken', () => {
  it('expires a token after K calls, in the service form, and records what it saw', async () => {
    const fake = expiringToken({ service: 'lobby', afterCalls: 2 }, ok);
    const auth = (token: string): Request => get({ authorization: `Bearer ${token}` });
    expect((await fake(auth('t1'))).status).toBe(200);
    expect((await fake(auth('t1'))).status).toBe(200);
    const expired = await fake(auth('t1'));
    expect(expired.status).toBe(401);
    expect(await code(expired)).toBe(52);
    expect((await fake(auth('t2'))).status).toBe(200);
    expect(fake.presented).toEqual(['t1', 't1', 't1', 't2']);
    expect(fake.rejected).toEqual(['t1']);
  });

  it.each([
    ['coral', 'authorization', 'Bearer ', 200, 9404, 9403],
    ['companion', 'token', '', 401, '111001', '111001'],
    ['platform', 'authorization', 'Bearer ', 401, 401, 401],
    ['lobby', 'authorization', 'Bearer ', 401, 52, 51],
  ] as const)('%s: rejects tokens outside the valid set, and a missing token', async (service, header, scheme, status, expiredCode, missingCode) => {
    const valid = new Set(['good']);
    const fake = expiringToken({ service, validTokens: valid }, () => serviceSuccess(service, {}));
    const bad = await fake(get({ [header]: `${scheme}stale` }));
    expect(bad.status).toBe(status);
    expect(await code(bad)).toBe(expiredCode);
    expect(await code(await fake(get()))).toBe(missingCode);
    expect((await fake(get({ [header]: `${scheme}good` }))).status).toBe(200);
    valid.add('fresh');
    expect((await fake(get({ [header]: `${scheme}fresh` }))).status).toBe(200);
    expect(fake.presented).toEqual(['stale', undefined, 'good', 'fresh']);
    expect(fake.rejected).toEqual(['stale']);
  });

  it('reads a custom header, and accepts a predicate', async () => {
    const fake = expiringToken({ service: 'coral', header: 'x-session', validTokens: (token) => token.startsWith('ok-') });
    expect(await code(await fake(get({ 'x-session': 'ok-1' })))).toBe(0);
    expect(await code(await fake(get({ 'x-session': 'no' })))).toBe(9404);
  });

  it('reads a lone string as one valid token, not as its characters', async () => {
    const fake = expiringToken({ service: 'lobby', validTokens: 'abc' as unknown as string[] }, ok);
    expect((await fake(get({ authorization: 'Bearer a' }))).status).toBe(401);
    expect((await fake(get({ authorization: 'Bearer abc' }))).status).toBe(200);
  });

  it('treats afterCalls 0 as already expired', async () => {
    const fake = expiringToken({ service: 'lobby', afterCalls: 0 }, ok);
    expect((await fake(get({ authorization: 'Bearer t' }))).status).toBe(401);
  });
});

describe('rateLimit', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets limit requests through per window, then answers 429 until the window ends', async () => {
    const fake = rateLimit({ service: 'lobby', limit: 2, windowMs: 6_000 }, ok);
    expect((await fake(get())).status).toBe(200);
    expect((await fake(get())).status).toBe(200);
    vi.advanceTimersByTime(2_000);
    const limited = await fake(get());
    expect(limited.status).toBe(429);
    expect(await code(limited)).toBe(50);
    expect(limited.headers.get('retry-after')).toBe('4');
    expect(limited.headers.get('ratelimit-policy')).toBe('2;w=6');
    expect(limited.headers.get('ratelimit')).toBe('limit=2, remaining=0, reset=4');
    vi.advanceTimersByTime(4_000);
    expect((await fake(get())).status).toBe(200);
  });

  it('sends a fixed Retry-After, or an HTTP-date', async () => {
    const seconds = rateLimit({ service: 'coral', limit: 0, windowMs: 1_000, retryAfterSeconds: 7 });
    const limited = await seconds(get());
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await code(limited)).toBe(9437);
    const dated = rateLimit({ service: 'platform', limit: 0, windowMs: 1_000, retryAfterSeconds: 30, asDate: true });
    const answer = await dated(get());
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe(new Date(Date.now() + 30_000).toUTCString());
  });

  it('answers Companion with 429 and a code in the body', async () => {
    const fake = rateLimit({ service: 'companion', limit: 0, windowMs: 1_000 });
    const limited = await fake(get());
    expect(limited.status).toBe(429);
    expect(await code(limited)).toBe('340000');
  });
});

describe('flaky', () => {
  async function outcomes(seed: number, count: number): Promise<string[]> {
    const fake = flaky({ service: 'coral', probability: 0.5, seed }, () => serviceSuccess('coral', { n: 1 }, { correlationId: 'c-1' }));
    const seen: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const response = await fake(get());
      if (response.type === 'error') seen.push('network');
      else seen.push(`${String(response.status)}:${await response.text().catch(() => 'truncated')}`);
    }
    return seen;
  }

  it('fails the same requests the same way for the same seed', async () => {
    const first = await outcomes(7, 40);
    expect(await outcomes(7, 40)).toEqual(first);
    expect(await outcomes(8, 40)).not.toEqual(first);
  });

  it('fails about the given share, with every kind of fault', async () => {
    const seen = await outcomes(1234, 400);
    const failures = seen.filter((outcome) => !outcome.startsWith('200:{'));
    expect(failures.length).toBeGreaterThan(140);
    expect(failures.length).toBeLessThan(260);
    expect(seen).toContain('network');
    expect(seen).toContain('200:truncated');
    expect(seen.some((outcome) => outcome.startsWith('502:<html>'))).toBe(true);
    expect(seen.some((outcome) => outcome.startsWith('503:<html>'))).toBe(true);
  });

  it('never fails at probability 0, always at 1, and only with the faults chosen', async () => {
    const never = flaky({ service: 'lobby', probability: 0, seed: 1 }, ok);
    const always = flaky({ service: 'lobby', probability: 1, seed: 1, faults: ['service-unavailable'] }, ok);
    for (let index = 0; index < 20; index += 1) {
      expect((await never(get())).status).toBe(200);
      const failed = await always(get());
      expect(failed.status).toBe(503);
      expect(failed.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(FLAKY_FAULTS).toEqual(['network-error', 'bad-gateway-html', 'service-unavailable', 'truncated-body']);
  });
});

describe('companionQueue', () => {
  it('answers 202 until the same request-id was polled N times', async () => {
    const fake = companionQueue({ pollsBeforeReady: 2 }, () => serviceSuccess('companion', { entries: [] }));
    const poll = (id: string): Promise<Response> => Promise.resolve(fake(get({ 'request-id': id })));
    const queued = await poll('a');
    expect(queued.status).toBe(202);
    expect(await queued.text()).toBe('');
    expect(queued.headers.get('content-type')).toBeNull();
    expect((await poll('b')).status).toBe(202);
    expect((await poll('a')).status).toBe(202);
    const ready = await poll('a');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ entries: [] });
    expect((await poll('b')).status).toBe(202);
    expect((await poll('b')).status).toBe(200);
  });

  it('answers at once with zero polls', async () => {
    expect((await companionQueue({ pollsBeforeReady: 0 })(get({ 'request-id': 'x' }))).status).toBe(200);
  });
});

describe('sequence', () => {
  it('answers the steps in order, then repeats the last', async () => {
    const fake = sequence([networkError(), serviceError('lobby', 50, { retryAfter: 1 }), () => serviceSuccess('lobby', { id: 'l-1' })]);
    expect((await fake(get())).type).toBe('error');
    expect((await fake(get())).status).toBe(429);
    expect(await (await fake(get())).json()).toEqual({ id: 'l-1' });
    expect(await (await fake(get())).json()).toEqual({ id: 'l-1' });
    expect(fake.calls).toBe(4);
  });

  it('sends a scripted Response afresh each time, and hands over to then', async () => {
    const fake = sequence([serviceError('coral', 9404)], { then: ok });
    const again = sequence([serviceError('coral', 9404)]);
    expect(await code(await again(get()))).toBe(9404);
    expect(await code(await again(get()))).toBe(9404);
    expect(await code(await fake(get()))).toBe(9404);
    expect((await fake(get())).status).toBe(200);
  });

  it('answers 500 when it has nothing to say', async () => {
    expect((await sequence([])(get())).status).toBe(500);
  });
});
