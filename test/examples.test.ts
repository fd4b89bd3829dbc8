/**
 * Every example runs here, against its loopback fake, so none can rot: each main() is called
 * and what it printed and returned is checked; then each file is run as a program, the way its
 * header says to run it. An example imports only the package by name (`extralife`, its subpaths),
 * as a user's code does.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { isGameServiceError } from '../src/index.ts';
import { main as companionMarket } from '../examples/companion-market.ts';
import { main as coralEncrypted } from '../examples/coral-encrypted.ts';
import { main as coralPresence } from '../examples/coral-presence.ts';
import { main as lobbyQuickJoin } from '../examples/lobby-quick-join.ts';
import { main as msnpSignIn } from '../examples/msnp-signin.ts';
import { main as nexLogin } from '../examples/nex-login.ts';
import { main as platformKgResult } from '../examples/platform-kgresult.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const node = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));

/** Captures what an example prints; vitest's restoreMocks puts console.log back after each test. */
function capturePrinted(): () => string {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  return () => spy.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
}

describe('examples import only the package', () => {
  const files = readdirSync(new URL('../examples', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));

  it.each(files)('%s', (file) => {
    const source = readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8');
    const specifiers = [...source.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gms)].map((match) => match[1] ?? '');
    expect(specifiers.length).toBeGreaterThan(0);
    // `redis` is the user's own node-redis client, which extralife/redis is given.
    for (const specifier of specifiers) expect(specifier, file).toMatch(/^(?:extralife(?:\/[a-z]+)?|redis|node:[a-z_/]+|\.\/[\w-]+\.ts)$/);
  });
});

describe('examples', () => {
  it('lobby-quick-join waits out the 429, reads 16006 as "no open lobby", and creates one', async () => {
    const printed = capturePrinted();
    const outcome = await lobbyQuickJoin();
    expect(outcome).toEqual({ id: 'lobby-7', name: 'casual', maxPlayers: 4 });
    const text = printed();
    expect(text).toContain('no open ranked lobby (NoOpenLobbies)');
    // The body says UGS's 50; the client reports it as the SDK does, 16429 RateLimited.
    expect(text).toMatch(/attempt 1: rate-limited \(HTTP 429, code 16429\), retrying in 1000 ms/);
    expect(text).toContain('no open casual lobby (NoOpenLobbies)');
    expect(text).toContain('created casual lobby lobby-7 for 4 players');
  });

  it('coral-presence renews the expired token once for both rejected calls', async () => {
    const printed = capturePrinted();
    const outcome = await coralPresence();
    expect(outcome.refreshes).toBe(1);
    const presence = ['Marina is playing Splatoon 3', 'Pearl is online', 'Callie is offline'];
    expect(outcome.polls).toEqual([presence, presence]);
    expect(outcome.presented).toEqual(['token-1', 'token-1', 'token-1', 'token-1', 'token-2', 'token-2']);
    const text = printed();
    expect(text.match(/token-expired, \{"status": 9404\} \(TOKEN_EXPIRED\) in an HTTP 200/g)).toHaveLength(2);
    expect(text).toContain('refreshToken(token-1) called');
    expect(text).toContain('refreshToken was called once');
  });

  it('coral-encrypted: ky hooks encrypt each request and decrypt each answer, and the adapter reads the decrypted 9404', async () => {
    const printed = capturePrinted();
    const outcome = await coralEncrypted();
    expect(outcome.friends).toEqual(['Marina', 'Pearl']);
    // The 9404 arrived sealed: only decrypted could it be read as an expired token and renewed.
    expect(outcome.refreshes).toBe(1);
    expect(outcome.seen).toEqual([
      { token: 'Bearer token-1', encrypted: true, request: { parameter: {} } },
      { token: 'Bearer token-2', encrypted: true, request: { parameter: {} } },
    ]);
    expect(printed()).toContain('refreshToken(token-1) called');
  });

  it('companion-market holds the poll through maintenance, then follows the 202 queue', async () => {
    const printed = capturePrinted();
    const outcome = await companionMarket();
    expect(outcome).toEqual([
      { pricePerUnit: 1_450, quantity: 12, retainer: 'Tataru' },
      { pricePerUnit: 1_499, quantity: 99, retainer: 'Hildibrand' },
    ]);
    const text = printed();
    expect(text).toContain('service answers 503 "Under Maintenance"');
    expect(text).toMatch(/client: maintenance \(100000 UnderMaintenance\), looking again in \d+ ms/);
    expect(text.match(/service answers 202/g)).toHaveLength(2);
    const polls = [...text.matchAll(/client: queued, poll (\d) in 150 ms with request-id ([\da-f]{8})…/g)];
    expect(polls.map((match) => match[1])).toEqual(['1', '2']);
    expect(new Set(polls.map((match) => match[2])).size).toBe(1);
    expect(text).toMatch(/service answers 200\n2 listings; cheapest 1450 gil from Tataru$/);
  });

  it('platform-kgresult decides by category, and asks to sign in again on 401 without renewing', async () => {
    const printed = capturePrinted();
    const outcome = await platformKgResult();
    expect(outcome.steps).toEqual([
      'nothing: the player cancelled',
      'check the connection, then try again',
      'show the restriction notice',
      'sign in again',
      'show the restriction notice',
      'report 8123 to support',
    ]);
    expect(outcome.call).toBe('HTTP 401, code 401 AuthFailure: unauthenticated -> sign in again');
    expect(outcome.refreshes).toBe(0);
    expect(printed()).toContain('(attempts: 1, token renewals: 0)');
  });

  it('nex-login reads maintenance from a successful Login frame, waits, and logs in', async () => {
    const printed = capturePrinted();
    expect(await nexLogin()).toBe(12345);
    const text = printed();
    expect(text).toContain('0x8068000b is 2306-0811 Authentication::UnderMaintenance: maintenance, retry advice "wait"');
    expect(text).toContain('attempt 1: RMC success, body result 0x8068000b');
    expect(text).toMatch(/attempt 1 failed: 2306-0811 Authentication::UnderMaintenance \(maintenance\), waiting \d+ ms/);
    expect(text).toContain('logged in as principal 12345');
  });

  it('msnp-signin backs off on 601 and 910, and stops at once on 911', async () => {
    const printed = capturePrinted();
    const [tom, anna] = await msnpSignIn();
    expect(tom).toBe('tom@hotmail.com');
    expect(isGameServiceError(anna)).toBe(true);
    expect(anna).toMatchObject({ service: 'msnp', code: '911', category: 'unauthenticated', retry: 'never', attempts: 1 });
    const text = printed();
    expect(text).toMatch(/601 ERR_SERVER_UNAVAILABLE: unavailable, backing off \d+ ms/);
    expect(text).toMatch(/910 MSGR_E_SERVER_TOO_BUSY: unavailable, backing off \d+ ms/);
    expect(text.match(/<<< 911/g)).toHaveLength(1);
    expect(text).toContain('ask for the password again');
  });

  it.concurrent.for([
    ['lobby-quick-join.ts', 'created casual lobby lobby-7'],
    ['coral-presence.ts', 'refreshToken was called once'],
    ['coral-encrypted.ts', 'friends: Marina, Pearl'],
    ['companion-market.ts', 'cheapest 1450 gil'],
    ['platform-kgresult.ts', 'unauthenticated -> sign in again'],
    ['nex-login.ts', 'logged in as principal 12345'],
    ['msnp-signin.ts', 'ask for the password again'],
  ] as const)('node examples/%s runs as a program', { timeout: 120_000 }, async ([file, last], { expect }) => {
    // As the README runs them: the launcher checks the Node version, and `extralife` means src/.
    const { stdout, stderr } = await run(node, ['scripts/launch.js', `examples/${file}`], { cwd: root, timeout: 100_000 });
    expect(stderr).toBe('');
    expect(stdout).toContain(last);
  });
});
