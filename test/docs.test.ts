/**
 * The docs cannot lie. Every ```ts block of README.md and src/testing/README.md is a module in
 * test/docs/generated/ (scripts/docs-snippets.ts), compiled by `npm run typecheck` with the rest
 * of the suite; here, the modules are checked to be what the docs say now, every block that claims
 * an outcome (`classify(...); // token-expired`) is run, and each claim is checked against what
 * its statement gave. A claim no checker understands fails: a new claim needs a checker.
 * The command line's sample output in the README is what the command prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalog, CATEGORIES, classify, isGameServiceError, lookup, type GameServiceError } from '../src/index.ts';
import { readRmcResponse } from '../src/services/nex/index.ts';
import { expiringToken, rmcErrorFrame, rmcSuccessFrame, sequence, serviceError, serviceSuccess, type ExpiringTokenResponder, type SequenceResponder } from '../src/testing/index.ts';
import { toHandler } from '../src/testing/msw.ts';
import { run as runCli } from '../src/cli/run.ts';
import { GENERATED_DIR, staleModules } from '../scripts/docs-snippets.ts';
import { harness, kyHttpError, payload, server, type Claim } from './docs/context.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

interface GeneratedModule {
  readonly CLAIMS: number;
  readonly run: () => Promise<void>;
}

/** Something a checker sets up before its block runs, and what it needs of the clock. */
interface Arranged {
  readonly fakeTime?: boolean;
  readonly state?: unknown;
}

interface Checker {
  readonly claim: RegExp;
  readonly arrange?: () => Arranged;
  readonly check: (value: unknown, match: RegExpExecArray, state: unknown) => Promise<void> | void;
}

function asError(value: unknown): GameServiceError {
  expect(isGameServiceError(value), 'the statement gives a GameServiceError').toBe(true);
  return value as GameServiceError;
}

/** What a Result-like value holds: neverthrow's Ok / Err. */
function asResult(value: unknown): { isOk: () => boolean; isErr: () => boolean; value?: unknown; error?: unknown } {
  expect(value).toHaveProperty('isOk');
  return value as { isOk: () => boolean; isErr: () => boolean; value?: unknown; error?: unknown };
}

/** `{"status":9404,"message":"…"}`: each key present, each value equal but where the doc writes "…". */
function expectJsonShape(actual: unknown, claimed: unknown): void {
  if (claimed === '…') return;
  if (typeof claimed === 'object' && claimed !== null && !Array.isArray(claimed)) {
    expect(typeof actual === 'object' && actual !== null).toBe(true);
    const record = actual as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual(Object.keys(claimed).sort());
    for (const [key, value] of Object.entries(claimed)) expectJsonShape(record[key], value);
    return;
  }
  expect(actual).toEqual(claimed);
}

/** The first balanced `{...}` of a text. */
function braces(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    if (text[at] === '{') depth += 1;
    if (text[at] === '}') depth -= 1;
    if (depth === 0) return text.slice(start, at + 1);
  }
  return undefined;
}

/** A Response claim: `HTTP 403 application/problem+json {title,code:16004}`, `HTTP 429, Retry-After: 10`, `text "..."`, `plain JSON`. */
async function checkResponse(value: unknown, claim: string): Promise<void> {
  expect(value).toBeInstanceOf(Response);
  const response = value as Response;
  let understood = false;
  const status = /^HTTP (\d{3})\b/.exec(claim);
  if (status !== null) {
    expect(response.status).toBe(Number(status[1]));
    understood = true;
  }
  const contentType = /\b(application\/[\w.+-]+)/.exec(claim);
  if (contentType !== null) {
    expect(response.headers.get('content-type')).toContain(contentType[1]);
    understood = true;
  }
  const header = /, ([A-Z][\w-]+): (\S+)$/.exec(claim);
  if (header !== null) {
    expect(response.headers.get(header[1] ?? '')).toBe(header[2]);
    understood = true;
  }
  const text = /\btext "([^"]*)"/.exec(claim);
  const body = await response.text();
  if (text !== null) {
    expect(body).toBe(text[1]);
    understood = true;
  }
  if (/\bplain JSON\b/.test(claim)) {
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(body) as unknown).not.toThrow();
    understood = true;
  }
  const shape = braces(claim);
  if (shape !== undefined) {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (shape.includes('"')) expectJsonShape(parsed, JSON.parse(shape));
    else {
      // `{title,status,code:16004}`: exactly these keys, with the values given.
      const fields = shape.slice(1, -1).split(',').map((field) => field.split(':'));
      expect(Object.keys(parsed).sort()).toEqual(fields.map(([key]) => key ?? '').sort());
      for (const [key, literal] of fields) if (literal !== undefined) expect(String(parsed[key ?? ''])).toBe(literal);
    }
    understood = true;
  }
  expect(understood, `a Response claim this test can read: "${claim}"`).toBe(true);
}

const CATEGORY = CATEGORIES.join('|');

const CHECKERS: readonly Checker[] = [
  {
    // `token-expired, code '2306-0806', codeName 'Authentication::TokenExpired'`, `unauthenticated, details.trid 20`,
    // `maintenance: the server is going down`: the category, then the fields named.
    claim: new RegExp(`^(${CATEGORY})(?=$|[,:])(.*)$`),
    check: (value, match) => {
      const error = asError(value);
      expect(error.category).toBe(match[1]);
      const rest = match[2] ?? '';
      for (const field of rest.matchAll(/\b(code|codeName) '([^']+)'/g)) expect(String(error[field[1] as 'code' | 'codeName'])).toBe(field[2]);
      for (const field of rest.matchAll(/\bdetails\.(\w+) (\S+)/g)) expect(String(error.details?.[field[1] ?? ''])).toBe(field[2]);
    },
  },
  {
    claim: /^ky's HTTPError: status, headers and the body ky read$/,
    check: (value) => {
      const error = asError(value);
      expect(error.status).toBe(kyHttpError.response.status);
      expect(error.retryAfterMs).toBe(Number(kyHttpError.response.headers.get('retry-after')) * 1000);
      // The body's common code is reported as the Lobby SDK's own reason for it (50 -> 16429), and kept in details.
      expect(String(error.details?.commonCode)).toBe(String((kyHttpError.data as { code: number }).code));
      expect(lookup('lobby', String(error.code))).toBeDefined();
    },
  },
  {
    claim: /^the same catalog entry, in its Wii U notation$/,
    check: (value) => {
      expect(value).toBeDefined();
      expect(value).toBe(lookup('nex', '2306-0806'));
    },
  },
  {
    claim: /^9404 → refreshToken once, then retried$/,
    arrange: () => {
      const fake = expiringToken({ service: 'coral', validTokens: ['fresh'] }, () => serviceSuccess('coral', { friends: [] }));
      server.use(toHandler('post', 'https://api-lp1.znc.srv.nintendo.net/v3/Friend/List', fake));
      return { state: fake };
    },
    check: (value, _match, state) => {
      const result = asResult(value);
      expect(result.isOk()).toBe(true);
      expect(result.value).toEqual({ friends: [] });
      expect(harness.refreshed).toEqual(['stale']);
      expect((state as ExpiringTokenResponder).presented).toEqual(['stale', 'fresh']);
    },
  },
  {
    claim: /^503 "Under Maintenance" waits at the gate$/,
    arrange: () => {
      const fake = sequence([serviceError('companion', 100000, { retryAfter: 1 }), serviceSuccess('companion', { entries: [] })]);
      server.use(toHandler('get', 'https://companion.finalfantasyxiv.com/sight-v060/sight/market/items/catalog/:id', fake));
      return { state: fake };
    },
    check: (value, _match, state) => {
      const result = asResult(value);
      expect(result.isOk()).toBe(true);
      expect((state as SequenceResponder).calls).toBe(2);
    },
  },
  {
    claim: /^2306-0811 Authentication::UnderMaintenance waits; 2306-0806 TokenExpired asks for a refresh$/,
    arrange: () => {
      harness.frames = [rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: 0x8068000b }), rmcSuccessFrame({ protocolId: 10, callId: 2, methodId: 1, body: new Uint8Array([0x01, 0x00, 0x01, 0x00]) })];
      return { fakeTime: true };
    },
    check: (value) => {
      const result = asResult(value);
      // The maintenance frame was waited out: the second call found the service back.
      expect(harness.rmcCalls).toBe(2);
      expect(result.isOk()).toBe(true);
      const expired = classify('nex', rmcErrorFrame({ protocolId: 10, callId: 3, resultCode: 0x80680006 }));
      expect([expired.code, expired.codeName, expired.retry]).toEqual(['2306-0806', 'Authentication::TokenExpired', 'refresh']);
    },
  },
  {
    claim: /^HTTP \d{3}|^\{"|^plain JSON$/,
    check: (value, match) => checkResponse(value, match.input),
  },
  {
    claim: /^Uint8Array: ([0-9a-f ]+)$/,
    check: (value, match) => {
      expect(value).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(value as Uint8Array).toString('hex')).toBe((match[1] ?? '').replaceAll(' ', ''));
    },
  },
  {
    claim: /^Login answering (\w+)$/,
    check: (value, match) => {
      const frame = readRmcResponse(value);
      expect(frame.isOk()).toBe(true);
      if (!frame.isOk() || !frame.value.success) throw new Error('not a success frame');
      expect(frame.value.methodId).toBe(1);
      const named = catalog('nex').filter((entry) => entry.name.endsWith(`::${match[1] ?? ''}`));
      expect(named.length).toBeGreaterThan(0);
      expect(named.map((entry) => Number(entry.resultCode))).toContain(Buffer.from(frame.value.body).readUInt32LE(0));
    },
  },
  {
    // `'241 7 <bytes>\r\n<payload>'`: the string, with <payload> the context's payload and <bytes> its length.
    claim: /^'(.*)'$/,
    check: (value, match) => {
      const written = (match[1] ?? '').replaceAll('\\r', '\r').replaceAll('\\n', '\n');
      const expected = written.replace('<bytes>', String(Buffer.byteLength(payload))).replace('<payload>', payload);
      expect(value).toBe(expected);
    },
  },
  {
    claim: /^an RST SOAP fault with ([\w:/]+)$/,
    check: (value, match) => {
      expect(typeof value).toBe('string');
      for (const element of (match[1] ?? '').split('/')) expect(value).toContain(`<${element}`);
      expect(classify('msnp', value).code).toBe('0x80048821');
    },
  },
  {
    claim: /^(\d{3}) now \.\.\. vi\.advanceTimersByTime\(([\d_]+)\) \.\.\. (\d{3})$/,
    check: async (value, match) => {
      const fake = value as (request: Request) => Response | Promise<Response>;
      expect((await fake(new Request('https://companion.finalfantasyxiv.com/'))).status).toBe(Number(match[1]));
      vi.advanceTimersByTime(Number((match[2] ?? '').replaceAll('_', '')));
      expect((await fake(new Request('https://companion.finalfantasyxiv.com/'))).status).toBe(Number(match[3]));
    },
  },
];

function checkerFor(text: string): { checker: Checker; match: RegExpExecArray } | undefined {
  for (const checker of CHECKERS) {
    const match = checker.claim.exec(text);
    if (match !== null) return { checker, match };
  }
  return undefined;
}

const modules = readdirSync(`${root}${GENERATED_DIR}`).filter((name) => name.endsWith('.ts')).sort();
const claimsOf = (name: string): string[] =>
  [...readFileSync(`${root}${GENERATED_DIR}/${name}`, 'utf8').matchAll(/claim\(("(?:[^"\\]|\\.)*")/g)].map((match) => JSON.parse(match[1] ?? '""') as string);
const claiming = modules.filter((name) => claimsOf(name).length > 0);

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
});
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  harness.reset();
});
afterAll(() => {
  server.close();
});

describe('the docs\' TypeScript blocks', () => {
  it('are extracted into test/docs/generated/ as the docs are now (else: npm run docs:snippets)', () => {
    expect(staleModules()).toEqual([]);
    expect(modules.length).toBeGreaterThanOrEqual(15);
  });

  it('every claim has a checker that reads it', () => {
    const unread = claiming.flatMap((name) => claimsOf(name).filter((text) => checkerFor(text) === undefined).map((text) => `${name}: ${text}`));
    expect(unread).toEqual([]);
  });

  it.each(claiming)('%s runs, and what each commented statement gave is what its comment says', async (name) => {
    const module = (await import(/* @vite-ignore */ `${root}${GENERATED_DIR}/${name}`)) as GeneratedModule;
    const texts = claimsOf(name);
    const arranged = texts.map((text) => {
      const found = checkerFor(text);
      return found?.checker.arrange?.() ?? {};
    });
    if (arranged.some((each) => each.fakeTime === true)) {
      vi.useFakeTimers();
      const progress = { settled: false };
      const running = module.run().finally(() => {
        progress.settled = true;
      });
      // Moves the clock through every wait the block meets, however long, without waiting it out.
      for (let step = 0; step < 1_000 && !progress.settled; step += 1) await vi.advanceTimersByTimeAsync(1_000);
      await running;
    } else {
      await module.run();
    }
    const claims: Claim[] = harness.claims;
    expect(claims.map((each) => each.text)).toEqual(texts);
    expect(claims).toHaveLength(module.CLAIMS);
    for (const [index, each] of claims.entries()) {
      const found = checkerFor(each.text);
      if (found === undefined) throw new Error(`no checker for "${each.text}"`);
      const checking = Promise.resolve().then(() => found.checker.check(each.value, found.match, arranged[index]?.state));
      await checking;
    }
  });
});

describe("the README's command-line sample", () => {
  it('is what `extralife explain` prints, plain, on an 80-column terminal', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const sample = /```sh\n\$ npx extralife (.+)\n([\s\S]*?)```/.exec(readme);
    expect(sample).not.toBeNull();
    let printed = '';
    const status = runCli((sample?.[1] ?? '').split(' '), {
      stdout: (text) => {
        printed += text;
      },
      stderr: () => undefined,
      color: false,
      version: '0.0.0',
      columns: 80,
    });
    expect(status).toBe(0);
    expect(printed).toBe(sample?.[2]);
  });
});
