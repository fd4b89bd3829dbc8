/**
 * The package as a user gets it: packed with `npm pack` (which builds dist/ first), unpacked into
 * a bare project in the system's temp folder with only its three dependencies beside it (taken
 * from this checkout's node_modules: no network), then used from there. The kit's loopback fake
 * works without msw, which is nowhere that project can see; a strict nodenext TypeScript project
 * compiles against the published types; and the tarball ships what it should.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'node_modules', '.bin');
const node = join(bin, 'node');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };

let project = '';
let files: string[] = [];

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'extralife-package-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string; files: { path: string }[] }[];
  const [tarball] = packed;
  if (tarball === undefined) throw new Error('npm pack wrote nothing');
  files = tarball.files.map((file) => file.path);
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, 'extralife'), { recursive: true });
  execFileSync('tar', ['-xzf', join(project, tarball.filename), '-C', join(modules, 'extralife'), '--strip-components=1']);
  // The dependencies, as npm would have put them: from this checkout, so no network is needed.
  mkdirSync(join(modules, '@types'), { recursive: true });
  for (const dependency of ['ky', 'neverthrow', 'p-retry', '@types/node', 'undici-types']) {
    symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bare-project', private: true, type: 'module' }));
}, 300_000);

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

function runIn(file: string, source: string): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(project, file), source);
  const child = spawnSync(node, [file], { cwd: project, encoding: 'utf8', timeout: 100_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('the packed tarball', () => {
  it('ships the built entries, the catalog data, the bin, README and LICENSE, and no source maps', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/extralife.js', 'dist/index.js', 'dist/index.d.ts', 'dist/testing/index.js', 'dist/testing/msw.js', 'catalog/data/lobby.json']));
    // Maps would point at src/, which does not ship.
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([]);
  });

  it('installed in a bare project without msw: the loopback fake answers a client', () => {
    const { status, stdout, stderr } = runIn(
      'use-kit.js',
      `
import { createClient } from 'extralife';
import { serviceError, serviceSuccess, sequence, startLoopbackServer } from 'extralife/testing';

let msw = 'absent';
try { await import('msw'); msw = 'present'; } catch { /* not installed: the point */ }

const server = await startLoopbackServer(sequence([serviceError('lobby', 3), serviceSuccess('lobby', { id: 'l-1' })]));
try {
  const lobby = createClient({ service: 'lobby', prefix: server.url + '/v1', retry: { backoff: { baseMs: 1, capMs: 2 } } });
  const joined = await lobby.get('lobbies/l-1').json();
  console.log(JSON.stringify({ msw, joined: joined.isOk() ? joined.value : joined.error.code }));
} finally {
  await server.close();
}
`,
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ msw: 'absent', joined: { id: 'l-1' } });
  });

  it('its command line runs from node_modules/.bin', () => {
    const child = spawnSync(node, [join(project, 'node_modules', 'extralife', 'bin', 'extralife.js'), 'explain', '16004', '--json'], { cwd: project, encoding: 'utf8', timeout: 100_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ matches: [{ service: 'lobby', code: '16004', name: 'LobbyFull' }] });
  });

  it('a strict nodenext TypeScript project compiles against its types, checking them too', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, types: ['node'], lib: ['ES2023', 'DOM'] }, include: ['typed.ts'] }),
    );
    writeFileSync(
      join(project, 'typed.ts'),
      `
import { classify, createClient, isGameServiceError, type Result, type GameServiceError } from 'extralife';
import { createLobbyClient } from 'extralife/lobby';
import { serviceError, startLoopbackServer } from 'extralife/testing';

const error = classify('lobby', { status: 403, body: { code: 16004 } });
if (error.code === '16004') console.log(error.category);
const lobby = createLobbyClient({ prefix: 'https://lobby.services.api.unity.com/v1' });
const client = createClient({ service: 'coral', prefix: 'https://api-lp1.znc.srv.nintendo.net/v3' });
export async function join(): Promise<Result<{ id: string }, GameServiceError<'lobby'>>> {
  const server = await startLoopbackServer(() => serviceError('lobby', 'LobbyFull'));
  await server.close();
  void client;
  return lobby.post('lobbies/quickjoin').json<{ id: string }>();
}
export const guard: (value: unknown) => boolean = isGameServiceError;
`,
    );
    const tsc = spawnSync(node, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', timeout: 100_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('keeps the unpacked package to what was packed', () => {
    expect(readdirSync(join(project, 'node_modules', 'extralife')).sort()).toEqual(['LICENSE', 'README.md', 'bin', 'catalog', 'dist', 'package.json']);
  });
});
