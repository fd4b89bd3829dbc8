/**
 * How long `import('extralife/lobby')` takes in a cold process, against `import('ky')`: each
 * import in a fresh Node process of its own, alternating, timed inside the child around the
 * import alone (Node's own start-up is the same for both and left out). The figure is the ratio
 * of the medians. Imports the built package: `npm run build && npm run bench:import [-- --runs 40]`
 */
import { execFileSync } from 'node:child_process';
import { median, numberOption, rootOption } from './lib/measure.ts';

const ROOT = rootOption();
const runs = numberOption('runs', 40);

/** Milliseconds one cold import of `specifier` took, measured in its own process. */
function coldImport(specifier: string): number {
  // The module loader is started first by an empty module, so that only the import itself is timed.
  const script = `await import('data:text/javascript,'); const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return Number(output);
}

const ours: number[] = [];
const anchor: number[] = [];
coldImport('ky');
coldImport('extralife/lobby');
for (let run = 0; run < runs; run += 1) {
  if (run % 2 === 0) {
    anchor.push(coldImport('ky'));
    ours.push(coldImport('extralife/lobby'));
  } else {
    ours.push(coldImport('extralife/lobby'));
    anchor.push(coldImport('ky'));
  }
}
const [a, b] = [median(ours), median(anchor)];
console.log(`cold import, ${runs} processes each: extralife/lobby ${a.toFixed(1)} ms, ky ${b.toFixed(1)} ms (medians): ${(a / b).toFixed(2)}×`);
