/**
 * The TypeScript blocks of the docs as modules the test suite compiles and runs, so that no
 * snippet can drift from the code. Each ```ts block of README.md and src/testing/README.md
 * becomes test/docs/generated/<doc>-<n>.ts: its imports of `extralife` and its subpaths point at
 * the sources of those entries (read from package.json's `exports`), the names it uses without
 * defining them (`getToken`, `connection`, ...) come from test/docs/context.ts, and its statements
 * run inside `run()`. A statement followed by a comment (`classify(...); // token-expired`) is a
 * claim: it runs as `claim(comment, value)`, and test/docs.test.ts checks what it claims. Line
 * numbers are left out, so that editing the prose around a block leaves its module as it is.
 *
 *   node scripts/docs-snippets.ts          writes the modules
 *   node scripts/docs-snippets.ts --check  fails when they are not what the docs say now
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The docs whose blocks are compiled, and the prefix of their generated modules. */
export const DOCS = [
  { file: 'README.md', prefix: 'readme' },
  { file: 'src/testing/README.md', prefix: 'testing-readme' },
] as const;
export const GENERATED_DIR = 'test/docs/generated';
const CONTEXT = 'test/docs/context.ts';

/** One ```ts block: where it is, and its text with the list indentation it had removed. */
export interface DocBlock {
  readonly doc: string;
  readonly prefix: string;
  readonly index: number;
  /** The 1-based line of the doc where the block's first line of code is. */
  readonly line: number;
  readonly code: string;
}

/** Every ```ts block of one document, in order. */
export function extractBlocks(doc: string, prefix: string, text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let at = 0; at < lines.length; at += 1) {
    const open = /^(\s*)```ts\s*$/.exec(lines[at] ?? '');
    if (open === null) continue;
    const indent = open[1] ?? '';
    const body: string[] = [];
    let end = at + 1;
    for (; end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? ''); end += 1) {
      const line = lines[end] ?? '';
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    blocks.push({ doc, prefix, index: blocks.length + 1, line: at + 2, code: body.join('\n') });
    at = end;
  }
  return blocks;
}

/** `extralife/coral` -> `src/services/coral/index.ts`, from package.json's `exports`. */
export function entrySources(): ReadonlyMap<string, string> {
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; exports: Record<string, unknown> };
  const sources = new Map<string, string>();
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target !== 'object' || target === null) continue;
    const built = (target as { default?: unknown }).default;
    if (typeof built !== 'string') continue;
    const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    sources.set(name, built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
  }
  return sources;
}

/** The names test/docs/context.ts exports, and which of them are types. */
function contextExports(): { values: string[]; types: string[] } {
  const source = readFileSync(`${root}${CONTEXT}`, 'utf8');
  const values = [...source.matchAll(/^export (?:async )?(?:const|function|let) (\w+)/gm)].map((match) => match[1] ?? '');
  const types = [...source.matchAll(/^export (?:type|interface) (\w+)/gm)].map((match) => match[1] ?? '');
  return { values, types };
}

interface Split {
  readonly imports: string[];
  readonly body: string[];
  readonly claims: number;
}

/** A statement's last line and its trailing comment, when the comment says what it gives. */
const CLAIM_LINE = /^(?<code>(?:const|let) \w+ = .+;|[A-Za-z_$][\w$.]*\(.*\);)\s+\/\/ (?<claim>.+)$/;
/** A whole-line comment under a statement, saying what that statement did (not "// ..."). */
const CLAIM_BELOW = /^\/\/ (?<claim>(?!\.\.\.).+)$/;

/**
 * The names whose statements can claim an outcome: what the block imports from extralife and
 * what it declares. A comment on another statement (`beforeAll(...); // msw 3 calls it ...`) is a note.
 */
function claimingNames(code: string, sources: ReadonlyMap<string, string>): Set<string> {
  const names = new Set<string>();
  for (const match of code.matchAll(/import \{([^}]*)\} from '([^']+)'/g)) {
    if (!sources.has(match[2] ?? '')) continue;
    for (const name of (match[1] ?? '').split(',')) names.add(name.replace(/^\s*type\s+/, '').trim());
  }
  for (const match of code.matchAll(/(?:const|let) (\w+) =/g)) names.add(match[1] ?? '');
  return names;
}

/** The first name a statement calls or reads: `classify` of `classify(...)`, `coral` of `const x = await coral.post(...)`. */
function leadingName(statement: string): string {
  const initializer = statement.replace(/^(?:const|let) \w+ = /, '').replace(/^await /, '');
  return /^[A-Za-z_$][\w$]*/.exec(initializer)?.[0] ?? '';
}

function splitBlock(block: DocBlock, sources: ReadonlyMap<string, string>): Split {
  const imports: string[] = [];
  const body: string[] = [];
  let claims = 0;
  const lines = block.code.split('\n');
  const claimers = claimingNames(block.code, sources);
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at] ?? '';
    if (/^import /.test(line)) {
      let statement = line;
      while (!/from '[^']+';\s*$/.test(statement) && at + 1 < lines.length) {
        at += 1;
        statement += `\n${lines[at] ?? ''}`;
      }
      imports.push(statement.replace(/from '([^']+)';/, (whole, specifier: string) => {
        const source = sources.get(specifier);
        return source === undefined ? whole : `from '../../../${source}';`;
      }));
      continue;
    }
    const claimed = CLAIM_LINE.exec(line);
    if (claimed?.groups !== undefined && claimers.has(leadingName(claimed.groups['code'] ?? ''))) {
      body.push(claimStatement(claimed.groups['code'] ?? '', claimed.groups['claim'] ?? ''));
      claims += 1;
      continue;
    }
    const below = CLAIM_BELOW.exec(line);
    const previous = body.at(-1);
    if (below?.groups !== undefined && previous !== undefined && /;$/.test(previous) && !previous.startsWith('claim(')) {
      const statement = /^(?:const|let) \w+ = .+;$|^[A-Za-z_$][\w$.]*\(.*\);$/.test(previous) && claimers.has(leadingName(previous)) ? previous : undefined;
      if (statement !== undefined) {
        body[body.length - 1] = claimStatement(statement, below.groups['claim'] ?? '');
        claims += 1;
        continue;
      }
    }
    body.push(line);
  }
  return { imports, body, claims };
}

/** `const x = f();` claims what x is; `f();` claims what f gave. */
function claimStatement(code: string, claim: string): string {
  const declared = /^(?:const|let) (\w+) = /.exec(code);
  const text = JSON.stringify(claim.trim());
  if (declared !== null) return `${code} claim(${text}, ${declared[1] ?? ''});`;
  return `claim(${text}, ${code.replace(/;$/, '')});`;
}

/** The names a block uses but neither imports nor declares, which the context provides. */
function neededFromContext(code: string, context: { values: string[]; types: string[] }): { values: string[]; types: string[] } {
  const declares = (name: string): boolean =>
    new RegExp(`(?:const|let|function|type|interface|class) ${name}\\b`).test(code) || new RegExp(`import [^;]*\\b${name}\\b[^;]*from`).test(code);
  const withoutComments = code.replace(/(^|\s)\/\/.*$/gm, '$1');
  const uses = (name: string): boolean => new RegExp(`(?<![.\\w'"])${name}\\b(?!['"])`).test(withoutComments);
  return {
    values: context.values.filter((name) => uses(name) && !declares(name)),
    types: context.types.filter((name) => uses(name) && !declares(name)),
  };
}

/** The generated module of one block. */
export function renderBlock(block: DocBlock, sources: ReadonlyMap<string, string>, context = contextExports()): string {
  const split = splitBlock(block, sources);
  const needed = neededFromContext(block.code, context);
  const contextNames = [...needed.values, ...needed.types.map((name) => `type ${name}`), ...(split.claims > 0 ? ['claim'] : [])];
  const header = [
    `// Generated by scripts/docs-snippets.ts from ${block.doc}, block ${String(block.index)}. Do not edit:`,
    `// change the doc and run \`npm run docs:snippets\`.`,
    ...(contextNames.length > 0 ? [`import { ${contextNames.join(', ')} } from '../context.ts';`] : []),
    ...split.imports,
  ];
  const body = split.body.map((line) => (line === '' ? '' : `  ${line}`));
  return [
    ...header,
    '',
    `/** How many claims this block makes. */`,
    `export const CLAIMS = ${String(split.claims)};`,
    '',
    'export async function run(): Promise<void> {',
    ...body,
    '}',
    '',
  ].join('\n');
}

/** Every generated module, by file name. */
export function generate(): Map<string, string> {
  const sources = entrySources();
  const context = contextExports();
  const files = new Map<string, string>();
  for (const { file, prefix } of DOCS) {
    for (const block of extractBlocks(file, prefix, readFileSync(`${root}${file}`, 'utf8'))) {
      files.set(`${prefix}-${String(block.index).padStart(2, '0')}.ts`, renderBlock(block, sources, context));
    }
  }
  return files;
}

/** The differences between the modules on disk and what the docs say now, one line each. */
export function staleModules(): string[] {
  const wanted = generate();
  const dir = `${root}${GENERATED_DIR}`;
  let present: string[];
  try {
    present = readdirSync(dir).filter((name) => name.endsWith('.ts'));
  } catch {
    present = [];
  }
  const problems: string[] = [];
  for (const [name, text] of wanted) {
    let current: string | undefined;
    try {
      current = readFileSync(`${dir}/${name}`, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === undefined) problems.push(`${name} is missing`);
    else if (current !== text) problems.push(`${name} differs from its block`);
  }
  for (const name of present) if (!wanted.has(name)) problems.push(`${name} has no block any more`);
  return problems;
}

function main(argv: readonly string[]): number {
  if (argv.includes('--check')) {
    const problems = staleModules();
    for (const problem of problems) process.stderr.write(`docs-snippets: ${problem}\n`);
    if (problems.length > 0) process.stderr.write('docs-snippets: run `npm run docs:snippets`\n');
    return problems.length === 0 ? 0 : 1;
  }
  const dir = `${root}${GENERATED_DIR}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = generate();
  for (const [name, text] of files) writeFileSync(`${dir}/${name}`, text);
  process.stdout.write(`docs-snippets: ${String(files.size)} blocks written to ${GENERATED_DIR}/\n`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
