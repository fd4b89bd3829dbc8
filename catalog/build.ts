/**
 * Builds the typed catalog modules in src/catalog/generated/ from the data in catalog/data/.
 *
 *   node catalog/build.ts           regenerate
 *   node catalog/build.ts --check   fail if the data is invalid or the generated files are stale
 *   node catalog/build.ts --draft   regenerate, letting entries without a description through
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, RETRY_ADVICE, RETRY_BY_CATEGORY, type Category, type RetryAdvice } from '../src/core/category.ts';
import { toDisplayCode } from '../src/services/nex/result-code.ts';

const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, 'catalog', 'data');
const OUT = join(ROOT, 'src', 'catalog', 'generated');

interface DataEntry {
  code: string;
  name: string;
  description: string;
  category: Category;
  retry?: RetryAdvice;
  otherNames?: string[];
  resultCode?: string;
  wiiUCode?: string;
  hresult?: string;
  success?: true;
  reason?: string;
  note?: string;
  seedCode?: string;
  source?: string;
}

/** A service is whatever a catalog file names: its file is all it takes to be listed. */
type Service = string;

const TRANSPORTS = ['http', 'rmc', 'line'] as const;

interface DataFile {
  service: Service;
  about: string;
  order: number;
  transport: (typeof TRANSPORTS)[number];
  codeShape: string;
  source: string;
  sharedCodes?: string[];
  entries: DataEntry[];
}

const ENTRY_KEYS = new Set(['code', 'name', 'description', 'category', 'retry', 'otherNames', 'resultCode', 'wiiUCode', 'hresult', 'success', 'reason', 'note', 'seedCode', 'source']);
const DRAFT_KEYS = new Set(['sourceText']);
const PLACEHOLDER = /\?|\bTODO\b|\bTBD\b|\bFIXME\b|placeholder|lorem ipsum|\bN\/A\b/i;
const MIN_DESCRIPTION = 24;

const mode = process.argv.includes('--check') ? 'check' : process.argv.includes('--draft') ? 'draft' : 'write';

const problems: string[] = [];
const fail = (where: string, what: string): void => {
  problems.push(`${where}: ${what}`);
};

function validate(file: DataFile, service: Service): void {
  if (file.service !== service) fail(service, `file says service "${file.service}"`);
  if (!/^[a-z][a-z0-9-]*$/.test(service)) fail(service, 'a service name is lower-case letters, digits and dashes');
  if (typeof file.about !== 'string' || file.about.trim().length < MIN_DESCRIPTION) fail(service, '"about" must say what the service is');
  if (!Number.isInteger(file.order)) fail(service, '"order" must be a whole number');
  if (!(TRANSPORTS as readonly string[]).includes(file.transport)) fail(service, `"transport" must be one of ${TRANSPORTS.join(', ')}`);
  if (typeof file.codeShape !== 'string' || file.codeShape.trim() === '') fail(service, '"codeShape" must be the type of the codes the service sends');
  const shared = new Set(file.sharedCodes ?? []);
  const seen = new Set<string>();
  for (const entry of file.entries) {
    const where = `${service} ${entry.code}`;
    for (const key of Object.keys(entry)) {
      if (!ENTRY_KEYS.has(key) && !(mode === 'draft' && DRAFT_KEYS.has(key))) fail(where, `unknown field "${key}"`);
    }
    if (typeof entry.code !== 'string' || entry.code.trim() !== entry.code || entry.code === '') fail(where, 'code must be a trimmed, non-empty string');
    if (seen.has(entry.code) && !shared.has(entry.code)) fail(where, 'code appears twice and is not listed in sharedCodes');
    seen.add(entry.code);
    if (typeof entry.name !== 'string' || entry.name.trim() === '') fail(where, 'name is missing');
    if (!(CATEGORIES as readonly string[]).includes(entry.category)) fail(where, `category "${entry.category}" is not a Category`);
    if (entry.retry !== undefined && !(RETRY_ADVICE as readonly string[]).includes(entry.retry)) fail(where, `retry "${entry.retry}" is not a RetryAdvice`);
    const retry = entry.retry ?? RETRY_BY_CATEGORY[entry.category];
    if (entry.retry !== undefined && entry.retry !== RETRY_BY_CATEGORY[entry.category] && !entry.reason) {
      fail(where, `retry "${entry.retry}" departs from the category's "${RETRY_BY_CATEGORY[entry.category]}" without a reason`);
    }
    if (entry.success === true && retry !== 'never') fail(where, 'a success row must not advise a retry');
    const description = typeof entry.description === 'string' ? entry.description.trim() : '';
    if (description === '') {
      if (mode !== 'draft') fail(where, 'description is missing');
    } else {
      if (description.length < MIN_DESCRIPTION) fail(where, `description is shorter than ${MIN_DESCRIPTION} characters`);
      if (PLACEHOLDER.test(description)) fail(where, 'description holds a question mark or placeholder text');
    }
    for (const text of [entry.reason, entry.note]) {
      if (text !== undefined && (typeof text !== 'string' || text.trim().length < 12)) fail(where, 'reason and note must be sentences');
    }
    if (entry.resultCode !== undefined) validateDisplay(entry, where);
    else if (entry.wiiUCode !== undefined) fail(where, 'wiiUCode without a resultCode');
    if (entry.hresult !== undefined && !/^0x[0-9a-f]{8}$/.test(entry.hresult)) fail(where, `hresult "${entry.hresult}" is not 0x + 8 lower-case hex digits`);
  }
}

/**
 * A NEX row's codes agree with its result code: the code is the Switch display code (or the hex
 * itself, for modules no console numbers), and wiiUCode is given exactly where the Wii U's
 * display code is not the Switch's digits under 106- (FPD).
 */
function validateDisplay(entry: DataEntry, where: string): void {
  const hex = entry.resultCode ?? '';
  if (!/^0x[0-9A-F]{8}$/.test(hex)) {
    fail(where, `resultCode ${hex} is not 0x + 8 upper-case hex digits`);
    return;
  }
  const value = Number(hex);
  const display = toDisplayCode(value) ?? hex;
  if (display !== entry.code) fail(where, `resultCode ${hex} shows as ${display}, not ${entry.code}`);
  const wiiu = toDisplayCode(value, 'wiiu');
  const sameDigits = entry.code.startsWith('2306-') ? entry.code.replace('2306-', '106-') : undefined;
  if (wiiu !== undefined && wiiu !== sameDigits && entry.wiiUCode !== wiiu) fail(where, `wiiUCode must be ${wiiu}, the Wii U's display code, not ${entry.wiiUCode ?? 'missing'}`);
  if (entry.wiiUCode !== undefined && (wiiu === undefined || wiiu === sameDigits)) fail(where, 'wiiUCode is given only where the Wii U numbers the code differently');
}

function pascal(service: Service): string {
  return service.charAt(0).toUpperCase() + service.slice(1);
}

/**
 * Rows another service's adapter also reads, generated into a module of their own so that its
 * bundle carries only them: Coral's 2815 codes are NEX results of module SmartDeviceVoiceChat.
 */
interface SharedRows {
  readonly module: string;
  readonly name: string;
  readonly prefix: string;
  readonly doc: string;
  /** The other service whose catalog holds the same rows too, under its own name. */
  readonly alsoIn: Service;
}

const SHARED_ROWS: Partial<Record<Service, SharedRows>> = {
  coral: {
    module: 'coral-voice-chat',
    name: 'coralVoiceChat',
    prefix: '2815-',
    doc: 'Coral\'s 2815 codes: NEX results of module SmartDeviceVoiceChat, which the NEX catalog and adapter hold too.',
    alsoIn: 'nex',
  },
};

const typeName = (shared: SharedRows): string => `${shared.name.charAt(0).toUpperCase()}${shared.name.slice(1)}`;

const HEADER = (service: Service): string =>
  `// Generated by catalog/build.ts from catalog/data/${service}.json: edit the data, then run \`npm run catalog:build\`.`;

/** What adapters read of an entry: everything but where it comes from and why it is sorted so. */
function renderRow(entry: DataEntry, service: Service): string {
  const row = {
    service,
    code: entry.code,
    name: entry.name,
    description: entry.description.trim(),
    category: entry.category,
    retry: entry.retry ?? RETRY_BY_CATEGORY[entry.category],
    ...(entry.otherNames?.length ? { otherNames: entry.otherNames } : {}),
    ...(entry.resultCode === undefined ? {} : { resultCode: entry.resultCode }),
    ...(entry.wiiUCode === undefined ? {} : { wiiUCode: entry.wiiUCode }),
    ...(entry.hresult === undefined ? {} : { hresult: entry.hresult }),
    ...(entry.success === true ? { success: true } : {}),
  };
  return `  ${JSON.stringify(row)},`;
}

/** An entry's reason, note and source, which only the catalog's readers (lookup, catalog, the CLI) show. */
function renderFacts(entry: DataEntry, file: DataFile): string {
  const facts = {
    ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    ...(entry.note === undefined ? {} : { note: entry.note }),
    source: entry.source ?? file.source,
  };
  return `  ${JSON.stringify(facts)},`;
}

/** A union type of code literals, after any types it includes whole. */
function codeUnion(type: string, codes: readonly string[], includes: readonly string[] = []): string[] {
  const members = [...includes, ...codes.map((code) => JSON.stringify(code))];
  return [`export type ${type} =`, ...members.map((member, index) => `  | ${member}${index === members.length - 1 ? ';' : ''}`)];
}

/**
 * The code rows, and the whole entries made of them and their facts. The whole entries are built
 * by a call marked pure, so a bundle that only classifies drops them and the facts with them.
 */
interface Spread {
  /** Rows of another module, before this module's own and after them. */
  readonly rows: { readonly before: string[]; readonly after: string[] };
  readonly whole: { readonly before: string[]; readonly after: string[] };
}

function renderTables(name: string, rowType: string, entryType: string, entries: readonly DataEntry[], file: DataFile, service: Service, spread: Spread): string[] {
  return [
    `/** The ${service} codes as adapters read them, in code order: the catalog's entries without their reason, note and source. */`,
    `export const ${name}Codes: readonly ${rowType}[] = [`,
    ...spread.rows.before,
    ...entries.map((entry) => renderRow(entry, service)),
    ...spread.rows.after,
    '];',
    '',
    `/** Every ${service} entry of the catalog, in code order. */`,
    `export const ${name}Catalog: readonly ${entryType}[] = /* @__PURE__ */ withFacts(${name}Codes, [`,
    ...spread.whole.before,
    ...entries.map((entry) => renderFacts(entry, file)),
    ...spread.whole.after,
    ']);',
    '',
  ];
}

const IMPORTS = `import { withFacts, type CatalogEntry, type CodeEntry } from '../../core/catalog-entry.ts';`;

function render(file: DataFile, service: Service): { readonly name: string; readonly text: string }[] {
  const entries = [...file.entries].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  const shared = SHARED_ROWS[service];
  const sharedEntries = shared === undefined ? [] : entries.filter((entry) => entry.code.startsWith(shared.prefix));
  const ownEntries = entries.filter((entry) => !sharedEntries.includes(entry));
  const ownCodes = [...new Set(ownEntries.map((entry) => entry.code))];
  const type = `${pascal(service)}Code`;
  const entryType = `${pascal(service)}CatalogEntry`;
  const rowType = `${pascal(service)}CodeEntry`;
  const modules: { name: string; text: string }[] = [];
  const main = [HEADER(service), IMPORTS];
  const sharedType = shared === undefined ? undefined : typeName(shared);
  // Rows another service's file holds that this catalog holds too, as its own entries.
  const borrowed = Object.values(SHARED_ROWS).filter((rows): rows is SharedRows => rows?.alsoIn === service);
  if (shared !== undefined && sharedType !== undefined) {
    const sharedCodes = [...new Set(sharedEntries.map((entry) => entry.code))];
    const narrowed = (base: string): string => `${base} & { readonly service: '${service}'; readonly code: ${sharedType}Code }`;
    modules.push({
      name: shared.module,
      text: [
        HEADER(service),
        IMPORTS,
        '',
        `/** ${shared.doc} */`,
        ...codeUnion(`${sharedType}Code`, sharedCodes),
        '',
        ...renderTables(shared.name, `(${narrowed('CodeEntry')})`, `(${narrowed('CatalogEntry')})`, sharedEntries, file, service, { rows: { before: [], after: [] }, whole: { before: [], after: [] } }),
      ].join('\n'),
    });
    main.push(`import { ${shared.name}Codes, type ${sharedType}Code } from './${shared.module}.ts';`);
  }
  for (const rows of borrowed) main.push(`import { ${rows.name}Codes, type ${typeName(rows)}Code } from './${rows.module}.ts';`);
  const narrowing = (base: string, what: string): string[] => [
    `/** ${what} */`,
    `export type ${base === 'CatalogEntry' ? entryType : rowType} = ${base} & {`,
    `  /** The service the code belongs to. */`,
    `  readonly service: '${service}';`,
    `  /** The code, one of the catalog's. */`,
    `  readonly code: ${type};`,
    `};`,
    '',
  ];
  // A borrowed row keeps its own facts: the whole entry is the other catalog's, with this service.
  const spread: Spread = {
    rows: {
      before: shared === undefined ? [] : [`  ...${shared.name}Codes,`],
      after: borrowed.map((rows) => `  ...${rows.name}Codes.map((entry) => ({ ...entry, service: '${service}' as const })),`),
    },
    // The facts are written out again rather than spread from the other module: an argument that
    // spreads or maps would keep the pure call, and every fact with it, in any bundle.
    whole: {
      before: sharedEntries.map((entry) => renderFacts(entry, file)),
      after: borrowed.flatMap((rows) => {
        const owner = files.find((other) => SHARED_ROWS[other.service] === rows);
        const lent = [...(owner?.entries ?? [])].filter((entry) => entry.code.startsWith(rows.prefix)).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
        return owner === undefined ? [] : lent.map((entry) => renderFacts(entry, owner));
      }),
    },
  };
  main.push(
    '',
    `/** Every code the catalog holds for ${service}. */`,
    ...codeUnion(type, ownCodes, [...(sharedType === undefined ? [] : [`${sharedType}Code`]), ...borrowed.map((rows) => `${typeName(rows)}Code`)]),
    '',
    ...narrowing('CatalogEntry', `A ${service} catalog entry: its service and its code typed as the catalog's.`),
    ...narrowing('CodeEntry', `A ${service} code as adapters read it: a catalog entry without its reason, note and source.`),
    ...renderTables(service, rowType, entryType, ownEntries, file, service, spread),
  );
  modules.push({ name: service, text: main.join('\n') });
  return modules;
}

/** Every file of catalog/data/ but the HTTP status table is one service's catalog. */
const files: DataFile[] = readdirSync(DATA)
  .filter((name) => name.endsWith('.json') && name !== 'http-status.json')
  .map((name) => {
    const file = JSON.parse(readFileSync(join(DATA, name), 'utf8')) as DataFile;
    validate(file, name.slice(0, -'.json'.length));
    return file;
  })
  .sort((a, b) => a.order - b.order);

const rendered: { service: string; name: string; target: string; text: string }[] = files.flatMap((file) =>
  render(file, file.service).map(({ name, text }) => ({ service: file.service, name, target: join(OUT, `${name}.ts`), text })));

/** The list of services, their code types and code shapes: the one place a new catalog file is announced. */
function renderServices(all: readonly DataFile[]): string {
  const http = all.filter((file) => file.transport === 'http');
  return [
    '// Generated by catalog/build.ts from the files of catalog/data/: add a catalog file, then run `npm run catalog:build`.',
    ...all.map((file) => `import type { ${pascal(file.service)}Code } from './${file.service}.ts';`),
    '',
    '/** The game online services extralife understands, one catalog and one adapter each. */',
    `export const SERVICES = [${all.map((file) => `'${file.service}'`).join(', ')}] as const;`,
    '',
    '/** The services whose answers arrive over HTTP. */',
    `export const HTTP_SERVICES = [${http.map((file) => `'${file.service}'`).join(', ')}] as const;`,
    '',
    '/** The catalogued codes of each service, as literal types generated from the catalog. */',
    'export interface KnownCodes {',
    ...all.flatMap((file) => [`  /** Every catalogued ${file.service} code. */`, `  ${file.service}: ${pascal(file.service)}Code;`]),
    '}',
    '',
    '/** The forms a code of each service takes on the wire, catalogued or not. */',
    'export interface CodeShapes {',
    ...all.map((file) => `  ${file.service}: ${file.codeShape};`),
    '}',
    '',
  ].join('\n');
}

rendered.push({ service: 'services', name: 'services', target: join(OUT, 'services.ts'), text: renderServices(files) });

interface StatusFile {
  about: string;
  entries: { status: number; category: Category; description: string }[];
}

/** The HTTP status table: what a status alone says, for answers without a code the catalog holds. */
function renderStatuses(file: StatusFile): string {
  const seen = new Set<number>();
  for (const entry of file.entries) {
    const where = `http-status ${String(entry.status)}`;
    if (!Number.isInteger(entry.status) || entry.status < 400 || entry.status > 599) fail(where, 'status must be a failure status, 400-599');
    if (seen.has(entry.status)) fail(where, 'status appears twice');
    seen.add(entry.status);
    if (!(CATEGORIES as readonly string[]).includes(entry.category)) fail(where, `category "${entry.category}" is not a Category`);
    if (typeof entry.description !== 'string' || !entry.description.startsWith(`HTTP ${String(entry.status)}`)) fail(where, 'description must start with "HTTP <status>"');
  }
  const rows = [...file.entries].sort((a, b) => a.status - b.status).map((entry) => `  ${JSON.stringify({ status: entry.status, category: entry.category, description: entry.description })},`);
  return [
    '// Generated by catalog/build.ts from catalog/data/http-status.json: edit the data, then run `npm run catalog:build`.',
    "import type { Category } from '../../core/category.ts';",
    '',
    `/** ${file.about} */`,
    'export const httpStatusCatalog: readonly { readonly status: number; readonly category: Category; readonly description: string }[] = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}

rendered.push({
  service: 'http-status',
  name: 'http-status',
  target: join(OUT, 'http-status.ts'),
  text: renderStatuses(JSON.parse(readFileSync(join(DATA, 'http-status.json'), 'utf8')) as StatusFile),
});

if (mode === 'check') {
  for (const { service, name, target, text } of rendered) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // A missing module counts as stale.
    }
    if (current !== text) fail(service, `src/catalog/generated/${name}.ts is stale: run npm run catalog:build`);
  }
}

if (problems.length > 0) {
  console.error(`catalog: ${problems.length} problem(s), nothing written\n${problems.map((line) => `  ${line}`).join('\n')}`);
  process.exit(1);
}
if (mode !== 'check') for (const { target, text } of rendered) writeFileSync(target, text);
const total = rendered.reduce((sum, { text }) => sum + (text.match(/^ {2}\{"service"/gm)?.length ?? 0), 0);
console.log(mode === 'check' ? `catalog: data valid and generated modules up to date (${total} entries)` : `catalog: generated modules written (${total} entries)`);
