/**
 * extralife installed the way `npm install ../extralife` does it: node_modules/extralife is a link
 * to the checkout, whose own node_modules holds a second msw, while the project has its own msw
 * (here a copy of this checkout's, so no network is needed; the packages it needs are linked). A
 * handler built by the project's msw from `toResolver` is the project's type and answers; one that
 * `toHandler` built carries the checkout's msw, as the README says.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = join(root, 'node_modules', '.bin', 'node');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let project = '';
let checkout = '';

beforeAll(() => {
  // The checkout: its package.json, its own build and its node_modules (this one's, linked). It is
  // built apart from this checkout's dist/, which the packing test rebuilds meanwhile.
  checkout = mkdtempSync(join(tmpdir(), 'extralife-checkout-'));
  cpSync(join(root, 'package.json'), join(checkout, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  const built = spawnSync(node, [join(root, 'scripts', 'build.ts'), '--outDir', join(checkout, 'dist')], { cwd: root, encoding: 'utf8', timeout: 280_000 });
  if (built.status !== 0) throw new Error(`the build failed: ${built.stdout}${built.stderr}`);
  project = mkdtempSync(join(tmpdir(), 'extralife-linked-'));
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '@types'), { recursive: true });
  symlinkSync(checkout, join(modules, 'extralife'), 'dir');
  // The project's own msw: a second copy on disk, as npm would install it for the project.
  cpSync(join(root, 'node_modules', 'msw'), join(modules, 'msw'), { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) {
    // Without vite (msw's optional peer, here through vitest) beside it, the project's msw is not
    // the checkout's to TypeScript, which otherwise takes two copies of one version and peer set as one.
    if (['msw', 'vite', 'vitest', '@vitest'].includes(name) || name.startsWith('.') || name === '@types') continue;
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir');
  }
  for (const name of ['node']) symlinkSync(join(root, 'node_modules', '@types', name), join(modules, '@types', name), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'linked-project', private: true, type: 'module' }));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, skipLibCheck: true, noEmit: true, types: ['node'], lib: ['ES2023', 'DOM'] }, include: ['*.ts'] }),
  );
}, 300_000);

afterAll(() => {
  for (const folder of [project, checkout]) if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

function compile(file: string, source: string): string {
  rmSync(join(project, 'resolver.ts'), { force: true });
  rmSync(join(project, 'handler.ts'), { force: true });
  writeFileSync(join(project, file), source);
  const child = spawnSync(node, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', timeout: 200_000 });
  return child.stdout + child.stderr;
}

const USE_RESOLVER = `
import { setupServer } from 'msw/node';
import { http } from 'msw';
import { serviceError, toResolver } from 'extralife/testing';

const server = setupServer(http.post('https://lobby.services.api.unity.com/v1/lobbies/:id/join', toResolver(() => serviceError('lobby', 'LobbyFull'))));
server.use(http.get('https://lobby.services.api.unity.com/v1/lobbies/:id', toResolver(() => serviceError('lobby', 16001))));
server.listen({ onUnhandledFrame: 'error' });
const joined = await fetch('https://lobby.services.api.unity.com/v1/lobbies/l-1/join', { method: 'POST' });
const found = await fetch('https://lobby.services.api.unity.com/v1/lobbies/l-1');
console.log(JSON.stringify([joined.status, ((await joined.json()) as { code: number }).code, found.status]));
server.close();
`;

describe('extralife from a linked checkout, beside the project\'s own msw', () => {
  it('resolves msw to two copies: the project\'s and the checkout\'s', () => {
    const resolveFrom = (folder: string): string => {
      const child = spawnSync(node, ['--input-type=module', '-e', "console.log(import.meta.resolve('msw'))"], { cwd: folder, encoding: 'utf8', timeout: 100_000 });
      return child.stdout.trim();
    };
    expect(resolveFrom(project)).toContain(`${join(project, 'node_modules', 'msw')}/`);
    expect(resolveFrom(join(project, 'node_modules', 'extralife', 'dist', 'testing'))).toContain(`${join(root, 'node_modules', 'msw')}/`);
  });

  it('toResolver: the project\'s msw handlers type-check and answer with the fake', () => {
    expect(compile('resolver.ts', USE_RESOLVER)).toBe('');
    const run = spawnSync(node, ['resolver.ts'], { cwd: project, encoding: 'utf8', timeout: 200_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([403, 16004, 404]);
  });

  it('toHandler: its handler is of the checkout\'s msw, which the project\'s setupServer does not take as a type, yet it answers', () => {
    const output = compile(
      'handler.ts',
      `
import { setupServer } from 'msw/node';
import { serviceError } from 'extralife/testing';
import { toHandler } from 'extralife/testing/msw';
const server = setupServer(toHandler('post', 'https://lobby.services.api.unity.com/v1/lobbies/:id/join', () => serviceError('lobby', 'LobbyFull')));
server.listen({ onUnhandledFrame: 'error' });
const joined = await fetch('https://lobby.services.api.unity.com/v1/lobbies/l-1/join', { method: 'POST' });
console.log(JSON.stringify([joined.status, ((await joined.json()) as { code: number }).code]));
server.close();
`,
    );
    expect(output).toContain("is not assignable to parameter of type 'AnyHandler'");
    const run = spawnSync(node, ['handler.ts'], { cwd: project, encoding: 'utf8', timeout: 200_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([403, 16004]);
  });
});
