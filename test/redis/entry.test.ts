/**
 * extralife/redis is the one entry that knows of Redis: no other module imports it, and none
 * imports the `redis` package, which stays an optional peer dependency of the package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
    const path = join(folder, item.name);
    return item.isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function specifiersOf(file: string): string[] {
  // Doc comments show imports in examples: only code counts.
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/(?:(?:import|export)\s[^'";]*?from\s+|import\s*\(\s*)'([^']+)'/g)].map((match) => match[1] ?? '');
}

describe('the extralife/redis entry', () => {
  it('no module of the package imports the redis package (or ioredis)', () => {
    const offending = filesUnder(SRC).flatMap((file) => specifiersOf(file).filter((name) => /^(redis|@redis\/|ioredis)/.test(name)).map((name) => `${relative(SRC, file)} -> ${name}`));
    expect(offending).toEqual([]);
  });

  it('no module outside src/redis imports src/redis: extralife and the service entries carry none of it', () => {
    const offending = filesUnder(SRC)
      .filter((file) => !relative(SRC, file).startsWith('redis/'))
      .flatMap((file) => specifiersOf(file).filter((name) => name.startsWith('.') && relative(SRC, resolve(dirname(file), name)).startsWith('redis/')).map((name) => `${relative(SRC, file)} -> ${name}`));
    expect(offending).toEqual([]);
  });

  it('is exported by the package, with redis as an optional peer dependency', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
      dependencies: Record<string, string>;
    };
    expect(pkg.exports['./redis']).toEqual({ types: './dist/redis/index.d.ts', default: './dist/redis/index.js' });
    expect(pkg.peerDependencies['redis']).toBeDefined();
    expect(pkg.peerDependenciesMeta['redis']?.optional).toBe(true);
    expect(pkg.dependencies['redis']).toBeUndefined();
  });
});
