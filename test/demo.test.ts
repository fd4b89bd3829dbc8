/**
 * `npm run demo` as a user runs it (a child process, stdout piped), and its pieces in-process:
 * the colour decision, the rows with and without colour, and the timeline's bookkeeping.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/index.ts';
import { startMockService } from '../examples/demo/mock-service.ts';
import { formatRow, formatSummary, header, painter, sceneTitle, wantsColor } from '../examples/demo/render.ts';
import { Timeline, type TimelineRow } from '../examples/demo/timeline.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const node = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));
// eslint-disable-next-line no-control-regex -- looking for the escape character is the point
const ANSI_ESCAPE = /\u001b\[/;

describe('npm run demo', () => {
  it('plays every scene offline, in plain text when piped, and exits 0 with a summary', async () => {
    const env = { ...process.env };
    delete env['FORCE_COLOR'];
    delete env['NO_COLOR'];
    // execFile rejects on a non-zero exit code, or when the timeout kills the demo.
    const { stdout, stderr } = await run(node, ['scripts/launch.js', 'examples/demo/main.ts'], { cwd: root, env, timeout: 100_000 });
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(ANSI_ESCAPE);
    expect(stdout).toMatch(/mock service on http:\/\/127\.0\.0\.1:\d+, no network/);

    // Maintenance: waited as the service asked, then got through. (How many attempts met it, and
    // how much of the window was left to wait, depend on the machine's speed; that it was waited out does not.)
    expect(stdout).toMatch(/#1 Friend\/List +1 {2}maintenance +9511 MAINTENANCE -> wait \d\.\d\ds, then retry/);
    expect(stdout).toMatch(/#1 Friend\/List +\d {2}ok +3 friends, 2 online/);
    expect(stdout).toMatch(/#2 Announcement\/List +\d {2}ok +2 announcements/);
    // Token expiry: three rejected calls, one renewal, three successes on the new token.
    expect(stdout.match(/token-expired +9404 TOKEN_EXPIRED -> renew the token, then retry/g)).toHaveLength(3);
    expect(stdout.match(/token renewed in/g)).toHaveLength(1);
    expect(stdout).toMatch(/#4 User\/ShowSelf +2 {2}ok +signed in as presence-bot/);
    // Rate limit: the calls past the limit waited for Retry-After.
    expect(stdout).toMatch(/rate-limited +9437 RATE_LIMIT_EXCEEDED -> wait \d\.\d\ds, then retry/);
    // Transient faults: a 502 page and a reset are retried; one call runs out of retries.
    expect(stdout).toMatch(/unavailable +HTTP 502 -> wait \d\.\d\ds, then retry/);
    expect(stdout).toMatch(/network +NETWORK ECONNRESET -> wait \d\.\d\ds, then retry/);
    expect(stdout).toMatch(/#12 Friend\/List +3 {2}network +NETWORK ECONNRESET -> gave up \(retry limit reached\)/);
    // A mistake is not retried.
    expect(stdout).toMatch(/#17 FriendRequest\/Create +1 {2}invalid-request 9400 BAD_REQUEST -> gave up \(not worth retrying\)/);

    const summary = stdout.slice(stdout.indexOf('\nSummary\n'));
    expect(summary).toContain('calls      17: 15 ok, 2 failed');
    expect(Number(/attempts {3}(\d+)/.exec(summary)?.[1])).toBeGreaterThan(17);
    expect(summary).toContain('refreshes  1 token renewal');
    expect(summary).toMatch(/maintenance +(\d+): \1 retried \/ 0 ended/);
    expect(summary).toMatch(/token-expired +3: 3 retried \/ 0 ended/);
    expect(summary).toMatch(/rate-limited +(\d+): \1 retried \/ 0 ended/);
    expect(summary).toMatch(/network +3: 2 retried \/ 1 ended/);
    expect(summary).toMatch(/invalid-request +1: 0 retried \/ 1 ended/);
  });
});

describe('demo colour', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: true }, { NO_COLOR: '' }, true],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, true],
    [{ isTTY: true }, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '0' }, false],
  ])('stream %o with env %o: colour %s', (stream, env, expected) => {
    expect(wantsColor(stream, env)).toBe(expected);
  });

  const rows: TimelineRow[] = [
    { kind: 'retry', atMs: 10, call: { id: 1, name: 'Friend/List' }, attempt: 1, category: 'maintenance', code: '9511 MAINTENANCE', next: 'retry', waitMs: 1_000 },
    { kind: 'retry', atMs: 20, call: { id: 2, name: 'User/ShowSelf' }, attempt: 1, category: 'token-expired', code: '9404 TOKEN_EXPIRED', next: 'renew token', waitMs: 0 },
    { kind: 'refresh', atMs: 320, call: { id: 2, name: 'User/ShowSelf' }, outcome: 'refreshed', tookMs: 300 },
    { kind: 'ok', atMs: 1_015, call: { id: 1, name: 'Friend/List' }, attempt: 2, tookMs: 1_010, summary: '3 friends' },
    { kind: 'gave-up', atMs: 1_200, call: { id: 3, name: 'FriendRequest/Create' }, attempt: 1, category: 'invalid-request', code: '9400 BAD_REQUEST', reason: 'final' },
  ];

  it('reads the same with and without colour, and has no escapes without it', () => {
    const plain = rows.map((row) => formatRow(painter(false), row));
    const coloured = rows.map((row) => formatRow(painter(true), row));
    expect(plain.join('\n')).not.toMatch(ANSI_ESCAPE);
    for (const line of coloured) expect(line).toMatch(ANSI_ESCAPE);
    // eslint-disable-next-line no-control-regex -- stripping the escapes the painter added
    expect(coloured.map((line) => line.replace(/\u001b\[\d+m/g, ''))).toEqual(plain);
    expect(plain).toEqual([
      '  0.01s  #1 Friend/List              1  maintenance     9511 MAINTENANCE -> wait 1.00s, then retry',
      '  0.02s  #2 User/ShowSelf            1  token-expired   9404 TOKEN_EXPIRED -> renew the token, then retry',
      '  0.32s  #2 User/ShowSelf                               token renewed in 0.30s',
      '  1.01s  #1 Friend/List              2  ok              3 friends (call took 1.01s)',
      '  1.20s  #3 FriendRequest/Create     1  invalid-request 9400 BAD_REQUEST -> gave up (not worth retrying)',
    ]);
    expect(header(painter(false))).toBe('   time  call                      try  category        what happened');
    expect(sceneTitle(painter(false), 2, 'Token expiry', 'the token expires')).toBe('\n2. Token expiry\n   the token expires');
  });
});

describe('demo timeline', () => {
  it('files each observer event under the call it belongs to, and counts calls, attempts, renewals and categories', async () => {
    let clock = 0;
    const rows: TimelineRow[] = [];
    const timeline = new Timeline<'coral'>((row) => rows.push(row), () => clock);
    const maintenance = classify('coral', { status: 200, body: { status: 9511 } });
    const expired = classify('coral', { status: 200, body: { status: 9404 } });
    const badRequest = classify('coral', { status: 200, body: { status: 9400 } }).with({ attempts: 1 });

    const retried = timeline.call(
      'Friend/List',
      () => {
        timeline.observers.onRetry({ error: maintenance, attempt: 1, delayMs: 1_000 });
        clock = 1_000;
        return okAsync({ friends: 3 });
      },
      ({ friends }) => `${String(friends)} friends`,
    );
    const renewed = timeline.call(
      'User/ShowSelf',
      () => {
        timeline.observers.onRetry({ error: expired, attempt: 1, delayMs: 0 });
        timeline.observers.onRefresh({ outcome: 'refreshed', elapsedMs: 300 });
        return okAsync('bot');
      },
      (name) => name,
    );
    const failed = timeline.call(
      'FriendRequest/Create',
      () => {
        timeline.observers.onGiveUp({ error: badRequest, attempts: 1, elapsedMs: 0, reason: 'final' });
        return errAsync(badRequest);
      },
      () => 'sent',
    );
    // Outside any call: counted, but no row.
    timeline.observers.onRefresh({ outcome: 'refreshed', elapsedMs: 10 });

    expect(await retried).toEqual({ friends: 3 });
    expect(await renewed).toBe('bot');
    expect(await failed).toBe(badRequest);
    expect(rows.map((row) => [row.kind, row.call.id, 'attempt' in row ? row.attempt : undefined])).toEqual([
      ['retry', 1, 1],
      ['retry', 2, 1],
      ['refresh', 2, undefined],
      ['ok', 1, 2],
      ['ok', 2, 2],
      ['gave-up', 3, 1],
    ]);
    expect(rows.at(-1)).toMatchObject({ category: 'invalid-request', code: '9400 BAD_REQUEST', reason: 'final' });

    const summary = timeline.summary();
    expect(summary).toMatchObject({ calls: 3, ok: 2, failed: 1, attempts: 5, refreshes: 2, elapsedMs: 1_000 });
    expect(Object.fromEntries(summary.categories)).toEqual({
      maintenance: { met: 1, retried: 1, ended: 0 },
      'token-expired': { met: 1, retried: 1, ended: 0 },
      'invalid-request': { met: 1, retried: 0, ended: 1 },
    });
    expect(formatSummary(painter(false), summary)).toEqual([
      '',
      'Summary',
      '  calls      3: 2 ok, 1 failed',
      '  attempts   5',
      '  refreshes  2 token renewals',
      '  elapsed    1.00s',
      '  by category (failed attempts: retried / ended the call)',
      '    maintenance      1: 1 retried / 0 ended',
      '    token-expired    1: 1 retried / 0 ended',
      '    invalid-request  1: 0 retried / 1 ended',
    ]);
  });
});

describe('demo mock service', () => {
  it('answers issued tokens, turns expired ones away with 9404, and puts each trouble in front of the API', async () => {
    const mock = await startMockService();
    const ask = async (token: string, path = 'Friend/List'): Promise<unknown> => {
      const response = await fetch(`${mock.url}/v3/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      return response.json();
    };
    try {
      const first = mock.issueToken();
      expect(await ask(first)).toMatchObject({ status: 0, result: { friends: [{ name: 'Marina' }, { name: 'Pearl' }, { name: 'Callie' }] } });
      expect(await ask(first, 'FriendRequest/Create')).toMatchObject({ status: 9400 });
      mock.expireTokens();
      expect(await ask(first)).toMatchObject({ status: 9404 });
      const second = mock.issueToken();
      expect(second).not.toBe(first);
      expect(await ask(second)).toMatchObject({ status: 0 });

      mock.trouble({ kind: 'maintenance', durationMs: 60_000, retryAfterSeconds: 1 });
      expect(await ask(second)).toMatchObject({ status: 9511 });
      mock.trouble({ kind: 'rate-limit', limit: 1, windowMs: 60_000 });
      expect(await ask(second)).toMatchObject({ status: 0 });
      expect(await ask(second)).toMatchObject({ status: 9437 });
      mock.trouble({ kind: 'flaky', probability: 1, seed: 1 });
      const failed = await fetch(`${mock.url}/v3/Friend/List`, { method: 'POST', headers: { authorization: `Bearer ${second}` } }).then(
        (response) => response.status,
        (error: unknown) => (error instanceof TypeError ? 'reset' : 'other'),
      );
      expect([502, 'reset']).toContain(failed);
      mock.trouble({ kind: 'none' });
      expect(await ask(second)).toMatchObject({ status: 0 });
    } finally {
      await mock.close();
    }
  });
});
