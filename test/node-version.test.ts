/**
 * On a Node older than the checkout needs, the launcher of the examples, the demo and the CLI
 * from source, and the installed command line, say what is needed and how to get it, instead
 * of ERR_UNKNOWN_FILE_EXTENSION or a stack trace. The old Node is played by this Node with its
 * reported version replaced before anything runs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NEEDED, recentEnough } from '../scripts/node-version.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));

function asNode(version: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const pretend = `data:text/javascript,Object.defineProperty(process.versions,"node",{value:${JSON.stringify(version)}})`;
  const child = spawnSync(node, ['--import', pretend, ...args], { cwd: root, encoding: 'utf8', timeout: 100_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('on Node 20', () => {
  it.each([['the demo', 'examples/demo/main.ts'], ['an example', 'lobby-quick-join'], ['the CLI from source', 'src/cli/main.ts']])('the launcher of %s says Node 22 is needed and how to get it', (_what, target) => {
    const { status, stdout, stderr } = asNode('20.11.0', 'scripts/launch.js', target);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`needs Node ${String(NEEDED.major)}.${String(NEEDED.minor)} or later; this is Node 20.11.0`);
    expect(stderr).toContain('npm rebuild node');
    expect(stderr).toContain('nvm install 22');
    expect(stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('the installed command line says so before loading anything', () => {
    const { status, stderr } = asNode('20.11.0', 'bin/extralife.js', 'explain', '9404');
    expect(status).toBe(1);
    expect(stderr).toMatch(/^extralife: the command line needs Node 22\.12 or later; this is Node 20\.11\.0\.\n/);
  });
});

describe('on a recent Node', () => {
  it('the launcher runs an example by name', () => {
    const { status, stdout, stderr } = asNode(process.versions.node, 'scripts/launch.js', 'platform-kgresult');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('unauthenticated -> sign in again');
  });

  it.each([['22.18.0', true], ['22.17.9', false], ['23.0.0', true], ['24.1.0', true], ['21.7.3', false], ['18.20.0', false]] as const)('%s is recent enough: %s', (version, expected) => {
    expect(recentEnough(version)).toBe(expected);
  });
});
