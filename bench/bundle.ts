/**
 * What a browser application pays to carry the Lobby client: `createLobbyClient` bundled with
 * esbuild (minified, gzipped) the way an application bundler would, with ky, p-retry and
 * neverthrow inside, against ky alone; and our code alone (dependencies left out), with and
 * without the generated tables. `npm run build && npm run bench:bundle`
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { rootOption } from './lib/measure.ts';

const ROOT = rootOption();
const DEPENDENCIES = ['ky', 'neverthrow', 'p-retry'];

/** min+gz bytes of a bundle of `source`, with `external` left out. */
async function size(source: string, external: readonly string[]): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: [...external],
    write: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]?.text ?? '').length;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const lobby = 'export { createLobbyClient } from "./dist/services/lobby/index.js";';

const kyAlone = await size('export { default } from "ky";', []);
const whole = await size(lobby, []);
const ours = await size(lobby, DEPENDENCIES);
const dependencies = await size('export { default as ky } from "ky"; export { default as pRetry } from "p-retry"; export { ok, err, ResultAsync } from "neverthrow";', []);

console.log('createLobbyClient in a browser bundle (esbuild, minified, gzipped; from dist/, run npm run build first)');
console.log(`  with ky, p-retry and neverthrow: ${kb(whole)} (${(whole / kyAlone).toFixed(2)}× ky alone, ${kb(kyAlone)})`);
console.log(`  our code alone (dependencies left out): ${kb(ours)}`);
console.log(`  ky + p-retry + neverthrow, as the bundle uses them: ${kb(dependencies)}`);
