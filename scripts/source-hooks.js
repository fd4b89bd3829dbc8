// Module hooks for scripts/launch.js: `extralife` and `extralife/<entry>` resolve to the sources
// of those entries in this checkout (package.json's `exports`, dist/*.js read as src/*.ts).
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

/** `extralife/coral` -> file URL of src/services/coral/index.ts. */
const sources = new Map(
  Object.entries(manifest.exports).flatMap(([subpath, target]) => {
    const built = typeof target === 'object' && target !== null ? target.default : undefined;
    if (typeof built !== 'string' || !built.startsWith('./dist/')) return [];
    const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    return [[name, new URL(built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'), root).href]];
  }),
);

export function resolve(specifier, context, nextResolve) {
  const source = sources.get(specifier);
  return source === undefined ? nextResolve(specifier, context) : { url: source, shortCircuit: true };
}
