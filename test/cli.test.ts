import { describe, expect, it } from 'vitest';
import { catalog, lookup } from '../src/catalog/index.ts';
import { CATEGORIES } from '../src/core/category.ts';
import { SERVICES, type Service } from '../src/core/service.ts';
import { EXIT } from '../src/cli/io.ts';
import type { ExplainedEntry } from '../src/cli/match.ts';
import { run } from '../src/cli/run.ts';

interface Outcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Outcome {
  let stdout = '';
  let stderr = '';
  const status = run(args, {
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    color: false,
    version: '9.8.7',
  });
  return { status, stdout, stderr };
}

interface ExplainJson {
  readonly query: string;
  readonly matches: readonly ExplainedEntry[];
}

function explainJson(...args: string[]): ExplainJson {
  const outcome = cli('explain', ...args, '--json');
  expect(outcome.stderr).toBe('');
  expect(outcome.status).toBe(EXIT.ok);
  return JSON.parse(outcome.stdout) as ExplainJson;
}

const found = (query: string, service?: Service | Uppercase<Service>): string[] =>
  explainJson(query, ...(service === undefined ? [] : ['--service', service])).matches.map((m) => `${m.service} ${m.code}`);

describe('extralife explain: the examples', () => {
  it('2306-0806 --json names Authentication::TokenExpired, with the Wii U code and result code', () => {
    const result = explainJson('2306-0806');
    expect(result.query).toBe('2306-0806');
    expect(result.matches).toHaveLength(1);
    const [match] = result.matches;
    expect(match).toMatchObject({
      service: 'nex',
      code: '2306-0806',
      name: 'Authentication::TokenExpired',
      category: 'token-expired',
      retry: 'refresh',
      wiiUCode: '106-0806',
      resultCode: '0x80680006',
    });
    // Every field of the catalog entry is there as the catalog has it.
    expect(match).toEqual({ ...lookup('nex', '2306-0806'), wiiUCode: '106-0806' });
  });

  it('0x80048821 names PPCRL_REQUEST_E_BAD_MEMBER_NAME_OR_PASSWORD', () => {
    const { status, stdout } = cli('explain', '0x80048821');
    expect(status).toBe(EXIT.ok);
    expect(stdout).toMatch(/^0x80048821 {2}PPCRL_REQUEST_E_BAD_MEMBER_NAME_OR_PASSWORD\n/);
    expect(stdout).toMatch(/^ {2}service +msnp$/m);
  });

  it('16004 --service lobby names LobbyFull', () => {
    const { status, stdout } = cli('explain', '16004', '--service', 'lobby');
    expect(status).toBe(EXIT.ok);
    expect(stdout).toMatch(/^16004 {2}LobbyFull\n/);
  });

  it('2815-2104, a voice-chat result both NEX and Coral hold, is one meaning in two catalogs', () => {
    const { status, stdout } = cli('explain', '2815-2104');
    expect(status).toBe(EXIT.ok);
    expect(stdout).toMatch(/^2815-2104 is in nex and coral\./);
    expect(stdout).toMatch(/^ {2}service +nex$/m);
    expect(stdout).toMatch(/^ {2}service +coral$/m);
  });

  it('500 lists msnp and platform', () => {
    const { status, stdout } = cli('explain', '500');
    expect(status).toBe(EXIT.ok);
    expect(stdout).toMatch(/^500 has 2 meanings, in msnp and platform\./);
    expect(stdout).toMatch(/^ {2}service +msnp$/m);
    expect(stdout).toMatch(/^ {2}service +platform$/m);
    expect(stdout).toContain('--service msnp or --service platform');
    expect(found('500')).toEqual(['msnp 500', 'platform 500']);
  });
});

describe('extralife explain: the service follows from the code', () => {
  it.each([
    ['2306-0806', ['nex 2306-0806']],
    ['106-0806', ['nex 2306-0806']],
    ['0x80680006', ['nex 2306-0806']],
    ['0x00680006', ['nex 2306-0806']],
    ['2815-2104', ['nex 2815-2104', 'coral 2815-2104']],
    ['9400', ['coral 9400']],
    ['9404', ['coral 9404']],
    ['9599', ['coral 9599']],
    ['0x80048821', ['msnp 0x80048821']],
    ['0x81000395', ['msnp 911']],
    ['0x80070057', ['msnp 0x80070057']],
    ['0x00048802', ['msnp 0x00048802']],
    ['111001', ['companion 111001']],
    ['210010', ['companion 210010']],
    ['311004', ['companion 311004']],
    ['Authentication::TokenExpired', ['nex 2306-0806']],
    ['ERR_AUTHENTICATION_FAILED', ['msnp 911']],
    ['LobbyFull', ['lobby 16004']],
    ['lobbyfull', ['lobby 16004']],
    ['OUT SSD', ['msnp OUT SSD']],
    ['401', ['platform 401']],
    ['16001', ['lobby 16001']],
    ['201', ['msnp 201']],
    ['200', ['msnp 200', 'platform 200']],
    ['0', ['coral 0', 'lobby 0']],
  ])('%s -> %j', (query, expected) => {
    expect(found(query)).toEqual(expected);
  });

  it.each(['1', '2', '3', '4', '5', '50', '51', '52', '53', '54', '55'])('%s is a lobby code', (query) => {
    expect(found(query)).toEqual([`lobby ${query}`]);
  });

  it('lists every code that shares an HRESULT or a name, where lookup alone gives none', () => {
    const busy = catalog('msnp').filter((entry) => entry.hresult === '0x8100030e').map((entry) => `msnp ${entry.code}`);
    expect(busy.length).toBeGreaterThan(1);
    expect(lookup('msnp', '0x8100030e')).toBeUndefined();
    expect(found('0x8100030e')).toEqual(busy);
    expect(found('0x8100030E')).toEqual(busy);
    expect(found('MSGR_E_SERVER_TOO_BUSY')).toEqual(busy);
  });

  it('lists the codes that translate to an HRESULT after the HRESULT itself', () => {
    const translated = catalog('msnp').filter((entry) => entry.hresult === '0x80004005').map((entry) => `msnp ${entry.code}`);
    expect(translated.length).toBeGreaterThan(0);
    expect(found('0x80004005')).toEqual(['msnp 0x80004005', ...translated]);
  });

  it('finds every listing of a code the source lists twice', () => {
    const twice = catalog().filter((entry, index, all) => all.some((other, at) => at !== index && other.service === entry.service && other.code === entry.code));
    for (const entry of twice) expect(found(entry.code, entry.service).filter((hit) => hit === `${entry.service} ${entry.code}`).length).toBeGreaterThan(1);
  });

  it('--service narrows the candidates to one service', () => {
    expect(found('500', 'platform')).toEqual(['platform 500']);
    expect(found('500', 'msnp')).toEqual(['msnp 500']);
    expect(found('200', 'PLATFORM')).toEqual(['platform 200']);
  });
});

describe('extralife explain: terminal output', () => {
  it('shows service, category, retry advice and what it means, and each field the entry has', () => {
    const entry = catalog('msnp').find((e) => e.otherNames !== undefined && e.hresult !== undefined);
    expect(entry).toBeDefined();
    if (entry === undefined) return;
    const { stdout } = cli('explain', entry.code, '--service', 'msnp');
    expect(stdout).toMatch(new RegExp(`^ {2}category +${entry.category}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^ {2}retry +${entry.retry}: \\w`, 'm'));
    expect(stdout).toContain(entry.hresult);
    for (const name of entry.otherNames ?? []) expect(stdout).toContain(name);
    // A long source wraps onto the value column: compare it with the wrapping undone.
    expect(stdout.replace(/\n {15}/g, ' ')).toContain(entry.source);
  });

  it('shows the Wii U code and result code of a NEX entry', () => {
    const { stdout } = cli('explain', '0x80680006');
    expect(stdout).toMatch(/^ {2}Wii U code +106-0806$/m);
    expect(stdout).toMatch(/^ {2}result code +0x80680006$/m);
  });

  it('shows reason, note and description where the entry has them', () => {
    for (const field of ['reason', 'note', 'description'] as const) {
      const entry = catalog().find((e) => (e[field] ?? '').length > 0 && (e[field] ?? '').length < 60);
      expect(entry, field).toBeDefined();
      if (entry === undefined) continue;
      const { stdout } = cli('explain', entry.code, '--service', entry.service);
      expect(stdout).toMatch(new RegExp(`^ {2}${field} +\\S`, 'm'));
      expect(stdout).toContain(entry[field]);
    }
  });

  it('says when a row reports success', () => {
    const entry = catalog().find((e) => e.success === true);
    expect(entry).toBeDefined();
    if (entry === undefined) return;
    expect(cli('explain', entry.code, '--service', entry.service).stdout).toContain('reports success');
  });
});

describe('extralife list', () => {
  it('prints every entry as JSON', () => {
    const { status, stdout } = cli('list', '--json');
    expect(status).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toEqual(catalog());
  });

  it.each(SERVICES)('--service %s --json prints that service only', (service) => {
    expect(JSON.parse(cli('list', '--service', service, '--json').stdout)).toEqual(catalog(service));
  });

  it.each(CATEGORIES)('--category %s --json prints that category only', (category) => {
    const entries = JSON.parse(cli('list', '--category', category, '--json').stdout) as unknown;
    expect(entries).toEqual(catalog().filter((entry) => entry.category === category));
  });

  it('combines --service and --category', () => {
    const entries = JSON.parse(cli('list', '-s', 'lobby', '-c', 'unknown', '--json').stdout) as unknown;
    expect(entries).toEqual(catalog('lobby').filter((entry) => entry.category === 'unknown'));
  });

  it('prints a table per service with code, name, category and retry', () => {
    const { status, stdout } = cli('list');
    expect(status).toBe(EXIT.ok);
    const headings = stdout.split('\n').filter((line) => /^\S/.test(line));
    expect(headings).toEqual(SERVICES.map((service) => `${service} (${catalog(service).length} codes)`));
    for (const entry of catalog()) {
      expect(stdout).toMatch(new RegExp(`^ {2}${escape(entry.code)} +${escape(entry.name)} +${entry.category} +${entry.retry}$`, 'm'));
    }
  });

  it('says so when nothing matches, and exits 0', () => {
    const empty = SERVICES.flatMap((service) => CATEGORIES.map((category) => [service, category] as const)).find(
      ([service, category]) => !catalog(service).some((entry) => entry.category === category),
    );
    expect(empty).toBeDefined();
    if (empty === undefined) return;
    const [service, category] = empty;
    expect(cli('list', '--service', service, '--category', category)).toEqual({
      status: EXIT.ok,
      stdout: `No ${service} codes in category ${category}.\n`,
      stderr: '',
    });
    expect(JSON.parse(cli('list', '--service', service, '--category', category, '--json').stdout)).toEqual([]);
  });
});

describe('help and version', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints the usage', (...args) => {
    const { status, stdout, stderr } = cli(...args);
    expect(status).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(stdout).toContain('extralife explain <code> [--service S] [--json]');
    expect(stdout).toContain('extralife list [--service S] [--category C] [--json]');
  });

  it.each([
    [['explain', '--help'], 'Usage: extralife explain'],
    [['help', 'explain'], 'Usage: extralife explain'],
    [['list', '--help'], 'Usage: extralife list'],
    [['help', 'list'], 'Usage: extralife list'],
    [['list', '-h'], 'Usage: extralife list'],
  ])('%j prints that command\'s usage', (args, heading) => {
    const { status, stdout } = cli(...args);
    expect(status).toBe(EXIT.ok);
    expect(stdout.startsWith(heading)).toBe(true);
  });

  it('lists every service in the help and every category in list --help', () => {
    const main = cli('--help').stdout;
    for (const service of SERVICES) expect(main).toContain(service);
    const list = cli('list', '--help').stdout;
    for (const category of CATEGORIES) expect(list).toContain(category);
  });

  it.each([['--version'], ['-v']])('%s prints the version', (flag) => {
    expect(cli(flag)).toEqual({ status: EXIT.ok, stdout: '9.8.7\n', stderr: '' });
  });
});

describe('errors', () => {
  it.each([
    [[], 'missing command'],
    [['frobnicate'], 'unknown command "frobnicate" (commands: explain, list, help)'],
    [['help', 'frobnicate'], 'unknown command "frobnicate"'],
    [['explain'], 'missing code to explain'],
    [['explain', '  '], 'missing code to explain'],
    [['explain', 'a', 'b'], 'explain takes one code'],
    [['explain', '500', '--service'], '--service needs a value (valid services: nex, coral, msnp, companion, platform, lobby)'],
    [['explain', '500', '--service', '--json'], '--service needs a value'],
    [['explain', '500', '--service', 'xbox'], 'unknown service "xbox" (valid services: nex, coral, msnp, companion, platform, lobby)'],
    [['explain', '500', '--category', 'capacity'], 'unknown option --category for explain'],
    [['explain', '500', '--verbose'], 'unknown option --verbose for explain (see "extralife explain --help")'],
    [['list', '--category', 'fatal'], 'unknown category "fatal" (valid categories: network, timeout,'],
    [['list', '--service', 'xbox'], 'unknown service "xbox"'],
    [['list', '500'], 'list takes no code'],
    [['list', '--json=yes'], '--json takes no value'],
    [['--frobnicate'], 'unknown option --frobnicate'],
  ])('%j is a usage error', (args, message) => {
    const { status, stdout, stderr } = cli(...args);
    expect(status).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain(`extralife: ${message}`);
    expect(stderr.split('\n')).toEqual([expect.any(String), '']);
  });

  it('an unknown code exits 1 with one line on stderr', () => {
    const { status, stdout, stderr } = cli('explain', '2306-9999');
    expect(status).toBe(EXIT.notFound);
    expect(stdout).toBe('');
    expect(stderr).toBe('extralife: no service has a code "2306-9999" (see "extralife list" for every code)\n');
  });

  it('a code missing from the one service asked for names the services that have it', () => {
    const { status, stderr } = cli('explain', '500', '--service', 'lobby');
    expect(status).toBe(EXIT.notFound);
    expect(stderr).toBe('extralife: no lobby code "500" (msnp and platform have one: try --service msnp)\n');
  });

  it('an unknown code with --json still prints the empty answer on stdout', () => {
    const { status, stdout, stderr } = cli('explain', 'NoSuchThing', '--json');
    expect(status).toBe(EXIT.notFound);
    expect(JSON.parse(stdout)).toEqual({ query: 'NoSuchThing', matches: [] });
    expect(stderr).toContain('no service has a code "NoSuchThing"');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
