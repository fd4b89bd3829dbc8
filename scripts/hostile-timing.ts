/**
 * How long classify takes on a megabyte of each adversarial shape, per service, slowest first.
 * A report, not a test: `npm run bench:hostile`. The target is 10 ms for any shape.
 */
import { SERVICES } from '../src/core/service.ts';
import { formatTiming, MEGABYTE, timeHugeInputs } from '../test/reliability/timing.ts';

const TARGET_MS = 10;
const timings = timeHugeInputs(SERVICES, MEGABYTE, TARGET_MS);
const over = timings.filter((timing) => timing.ms >= TARGET_MS);
const invalid = timings.filter((timing) => timing.problems.length > 0);
console.log(`${String(timings.length)} classifications of 1 MB inputs; ${String(over.length)} at or over ${String(TARGET_MS)} ms; ${String(invalid.length)} invalid`);
console.log(timings.slice(0, 15).map(formatTiming).join('\n'));
const sorted = timings.map((timing) => timing.ms).sort((left, right) => left - right);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
console.log(`median ${median.toFixed(2)} ms`);
