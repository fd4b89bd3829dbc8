/**
 * `extralife explain` knows every code the library itself gives an error, not only the catalog's:
 * the transport codes of every service and the HTTP statuses of the HTTP services (Lobby's
 * 16000 + status). The codes are produced here by `classify`, so a new one the adapters start
 * giving is a failing test until the command line explains it.
 */
import { describe, expect, it } from 'vitest';
import { catalog, classify } from '../src/index.ts';
import { httpStatusCatalog } from '../src/catalog/generated/http-status.ts';
import { HTTP_SERVICES, SERVICES } from '../src/core/service.ts';
import { EXIT } from '../src/cli/io.ts';
import type { ExplainedEntry } from '../src/cli/match.ts';
import { run } from '../src/cli/run.ts';

function cli(args: readonly string[], columns?: number): { status: number; stdout: string } {
  let stdout = '';
  const status = run(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => undefined,
    color: false,
    version: '0.0.0',
    columns,
  });
  return { status, stdout };
}

function explain(...args: string[]): readonly ExplainedEntry[] {
  const { status, stdout } = cli(['explain', ...args, '--json']);
  expect(status, args.join(' ')).toBe(EXIT.ok);
  return (JSON.parse(stdout) as { matches: readonly ExplainedEntry[] }).matches;
}

/** Failures with no code a service could read, as a caller's tool meets them. */
const TRANSPORT_FAILURES: readonly (readonly [string, () => unknown])[] = [
  ['a fetch TypeError', () => new TypeError('fetch failed')],
  ['a socket reset', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ['a TimeoutError', () => new DOMException('The operation timed out.', 'TimeoutError')],
  ['an AbortError', () => new DOMException('This operation was aborted', 'AbortError')],
  ['undefined', () => undefined],
  ['a string', () => 'something went wrong'],
];

/** Every status of the HTTP status table, and some only their class describes. */
const STATUSES = [...httpStatusCatalog.map((row) => row.status), 418, 432, 509, 599];

describe('explain knows the codes extralife gives', () => {
  it.each(SERVICES.flatMap((service) => TRANSPORT_FAILURES.map(([what, make]) => [service, what, make] as const)))(
    '%s: the code of %s',
    (service, _what, make) => {
      const error = classify(service, make());
      for (const args of [[error.code, '--service', service], [error.code]]) {
        const [first] = explain(...args);
        expect(first).toMatchObject({ code: error.code, category: error.category, retry: error.retry, producedBy: 'extralife' });
        expect([service, 'any']).toContain(first?.service);
      }
    },
  );

  it.each(HTTP_SERVICES.flatMap((service) => STATUSES.map((status) => [service, status] as const)))('%s: the code of a bare HTTP %i', (service, status) => {
    const error = classify(service, { status });
    const matches = explain(error.code, '--service', service);
    expect(matches.map((match) => [match.service, match.code, match.category, match.retry])).toContainEqual([service, error.code, error.category, error.retry]);
  });

  it('names a produced code as extralife\'s, and its source says how it was made', () => {
    // 16502 is catalogued now (the Lobby SDK names the 16000 + status family up to 16511); 16530 is not.
    expect(explain('16530')).toEqual([expect.objectContaining({ service: 'lobby', code: '16530', category: 'unavailable', producedBy: 'extralife', source: expect.stringContaining('16000 + the HTTP status 530') as string })]);
    expect(explain('NETWORK')).toEqual([expect.objectContaining({ service: 'any', code: 'NETWORK', category: 'network', retry: 'backoff', producedBy: 'extralife' })]);
    expect(explain('cancelled', '--service', 'nex')).toEqual([expect.objectContaining({ service: 'nex', code: 'CANCELLED', retry: 'never' })]);
  });

  it('prefers the catalog: a code a service catalogues is not also shown as a bare status', () => {
    expect(explain('500').map((match) => match.producedBy)).toEqual(explain('500').map(() => undefined));
    expect(explain('500', '--service', 'coral')).toEqual([expect.objectContaining({ service: 'coral', code: '500', producedBy: 'extralife' })]);
  });
});

describe('explain reads a NEX result code without 0x', () => {
  it.each(catalog('nex').map((entry) => [entry.code, entry.resultCode ?? ''] as const))('%s as %s', (_code, resultCode) => {
    expect(explain(resultCode.replace(/^0x/, ''))).toEqual(explain(resultCode));
    expect(explain(resultCode.replace(/^0x/, '').toUpperCase())).toEqual(explain(resultCode));
  });
});

describe('explain on a terminal that reports no width', () => {
  it.each([0, undefined, Number.NaN, -5])('wraps at 80 columns when it reports %s', (columns) => {
    const wrapped = cli(['explain', '2306-0806'], columns).stdout;
    expect(wrapped).toBe(cli(['explain', '2306-0806'], 80).stdout);
    expect(Math.max(...wrapped.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    // At 0 columns every word would stand on a line of its own.
    expect(wrapped.split('\n').length).toBeLessThan(15);
  });
});
