import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lookup } from '../src/catalog/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url));

function extralife(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  // The parent's colour settings must not decide what a piped child prints.
  delete env['FORCE_COLOR'];
  delete env['NO_COLOR'];
  const child = spawnSync(node, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env, timeout: 100_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('src/cli/main.ts as a process', () => {
  it('explain 2306-0806 --json prints the entry as JSON and exits 0', () => {
    const { status, stdout, stderr } = extralife('explain', '2306-0806', '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout) as { query: string; matches: Record<string, unknown>[] };
    expect(parsed.query).toBe('2306-0806');
    expect(parsed.matches).toEqual([{ ...lookup('nex', '2306-0806'), wiiUCode: '106-0806' }]);
    expect(parsed.matches[0]).toMatchObject({ name: 'Authentication::TokenExpired', category: 'token-expired', resultCode: '0x80680006' });
  });

  it('writes plain text to a pipe, a one-line error without a stack trace, and the exit status', { timeout: 60_000 }, () => {
    const piped = extralife('explain', '500');
    expect(piped.status).toBe(0);
    // eslint-disable-next-line no-control-regex -- no escape sequences when piped
    expect(piped.stdout).not.toMatch(/\u001b\[/);

    const unknown = extralife('explain', 'NoSuchCode');
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^extralife: [^\n]+\n$/);

    const usage = extralife('explain', '--service', 'xbox', '500');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^extralife: unknown service "xbox" [^\n]+\n$/);
  });

  it('--version prints the version in package.json', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(extralife('--version')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});
