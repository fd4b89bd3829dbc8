#!/usr/bin/env node
// Runs a TypeScript file of this checkout (an example, the demo, the CLI from source) after
// checking that this Node can: on an older one it says what is needed instead of failing with
// ERR_UNKNOWN_FILE_EXTENSION. `extralife` and its subpaths resolve to src/, so the examples
// import the package by name, as a user's code does, and run what the checkout holds.
//
//   node scripts/launch.js examples/lobby-quick-join.ts
//   node scripts/launch.js lobby-quick-join          (a name in examples/)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { recentEnough, tooOldMessage } from './node-version.js';

const [target, ...rest] = process.argv.slice(2);
if (target === undefined) {
  process.stderr.write('usage: node scripts/launch.js <file.ts | example name> [arguments]\n');
  process.exit(2);
}
if (!recentEnough(process.versions.node)) {
  process.stderr.write(tooOldMessage(process.versions.node, `running ${target}`));
  process.exit(1);
}

const root = new URL('..', import.meta.url);
const candidates = [target, `examples/${target}`, `examples/${target}.ts`];
const file = candidates.map((candidate) => resolve(process.cwd(), candidate)).find((path) => existsSync(path) && path.endsWith('.ts'))
  ?? candidates.map((candidate) => new URL(candidate, root).pathname).find((path) => existsSync(path) && path.endsWith('.ts'));
if (file === undefined) {
  process.stderr.write(`extralife: no TypeScript file ${target} (looked for ${candidates.join(', ')})\n`);
  process.exit(2);
}

// A process of its own, so that the file is the main module (`import.meta.main`) with its own argv.
const child = spawn(process.execPath, ['--import', new URL('register-source-hooks.js', import.meta.url).href, file, ...rest], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal !== null) process.kill(process.pid, signal);
  else process.exitCode = code ?? 1;
});
