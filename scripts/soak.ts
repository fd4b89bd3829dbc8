/**
 * The reliability load test, longer: many calls through the client against a loopback server
 * that fails a third of requests in every way, then every adapter timed on 1 MB of each hostile
 * shape. Prints figures that can be pasted as they are; exits non-zero if an invariant broke.
 *
 *   node scripts/soak.ts [--calls 50000] [--concurrency 64] [--seed 1] [--skip-hostile]
 *
 * Run with `node --expose-gc` for heap figures taken after a full collection.
 */
import { parseArgs } from 'node:util';
import { SERVICES } from '../src/core/service.ts';
import { formatFigures, leftBehind, resourceBaseline, runLoad } from '../test/reliability/load.ts';
import { formatTiming, MEGABYTE, timeHugeInputs } from '../test/reliability/timing.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '64' },
    seed: { type: 'string', default: '1' },
    'skip-hostile': { type: 'boolean', default: false },
  },
});

function positive(name: string, text: string): number {
  const number = Number(text);
  if (!Number.isSafeInteger(number) || number <= 0) {
    process.stderr.write(`soak: --${name} must be a positive whole number, got ${text}\n`);
    process.exit(2);
  }
  return number;
}

const calls = positive('calls', values.calls);
const concurrency = positive('concurrency', values.concurrency);
const seed = positive('seed', values.seed);
const megabytes = (bytes: number): string => `${(bytes / MEGABYTE).toFixed(1)} MB`;
const collect = (globalThis as { gc?: () => void }).gc;
/** Memory now, after a full collection when Node allows one (--expose-gc). */
function memory(): NodeJS.MemoryUsage {
  collect?.();
  return process.memoryUsage();
}

const broken: string[] = [];
const memoryBefore = memory();
const baseline = resourceBaseline();
const figures = await runLoad({ calls, concurrency, seed });
const left = await leftBehind(baseline);
const memoryAfter = memory();

if (figures.hung > 0) broken.push(`${String(figures.hung)} calls hung`);
if (figures.rejected > 0) broken.push(`${String(figures.rejected)} calls rejected instead of giving a Result`);
if (figures.unhandledRejections > 0) broken.push(`${String(figures.unhandledRejections)} unhandled rejections`);
if (figures.settled !== calls) broken.push(`${String(figures.settled)} of ${String(calls)} calls settled`);
if (figures.invalidErrors.length > 0) broken.push(`${String(figures.invalidErrors.length)} invalid errors, first: ${figures.invalidErrors[0] ?? ''}`);
if (figures.overLimit.length > 0) broken.push(`${String(figures.overLimit.length)} calls over the retry limit, first: ${figures.overLimit[0] ?? ''}`);
if (figures.attemptMismatches.length > 0) broken.push(`${String(figures.attemptMismatches.length)} errors miscount attempts, first: ${figures.attemptMismatches[0] ?? ''}`);
if (figures.maxRefreshesPerToken > 1) broken.push(`a token was renewed ${String(figures.maxRefreshesPerToken)} times`);
if (figures.budget.spent > figures.budget.capacity + figures.budget.refundBound) broken.push('retries spent more than the budget holds');
if (figures.leakedSecrets > 0) broken.push(`${String(figures.leakedSecrets)} errors show a token`);
if (left.length > 0) broken.push(`left behind: ${left.join(', ')}`);

const lines = [
  `extralife soak: node scripts/soak.ts --calls ${String(calls)} --concurrency ${String(concurrency)} --seed ${String(seed)}`,
  `node ${process.version}, ${process.platform} ${process.arch}`,
  '',
  formatFigures(figures),
  `memory:           heap ${megabytes(memoryBefore.heapUsed)} -> ${megabytes(memoryAfter.heapUsed)}, rss ${megabytes(memoryBefore.rss)} -> ${megabytes(memoryAfter.rss)}${collect === undefined ? ' (without --expose-gc: garbage included)' : ' (after a full collection)'}`,
  `left behind:      ${left.length === 0 ? 'nothing (no timer, socket or server)' : left.join(', ')}`,
];

if (!values['skip-hostile']) {
  const started = performance.now();
  const timings = timeHugeInputs(SERVICES, MEGABYTE, 10);
  const invalid = timings.filter((timing) => timing.problems.length > 0);
  const slowest = timings[0];
  lines.push(
    '',
    `hostile inputs:   ${String(timings.length)} classifications of 1 MB (${String(timings.length / SERVICES.length)} shapes x ${String(SERVICES.length)} services) in ${((performance.now() - started) / 1000).toFixed(1)} s; over 10 ms: ${String(timings.filter((timing) => timing.ms >= 10).length)}; invalid errors: ${String(invalid.length)}`,
    `slowest:          ${slowest === undefined ? '-' : formatTiming(slowest).trim()}`,
    ...timings.slice(1, 10).map((timing) => `                  ${formatTiming(timing).trim()}`),
  );
  if (invalid.length > 0) broken.push(`${String(invalid.length)} hostile inputs gave invalid errors, first: ${invalid[0]?.input ?? ''}: ${invalid[0]?.problems.join('; ') ?? ''}`);
}

lines.push('', broken.length === 0 ? 'verdict:          every invariant held' : `verdict:          BROKEN\n${broken.map((line) => `  - ${line}`).join('\n')}`);
process.stdout.write(`${lines.join('\n')}\n`);
if (broken.length > 0) process.exitCode = 1;
