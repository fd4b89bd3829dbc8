/**
 * A load run in a process of its own, for the test that proves a run does not keep Node alive:
 * it prints its figures as one JSON line and then simply returns. If anything it started (a
 * timer, a socket, a server) were left active, the process would not exit.
 */
import { leftBehind, resourceBaseline, runLoad } from './load.ts';

const calls = Number(process.argv[2] ?? 400);
const baseline = resourceBaseline();
const figures = await runLoad({ calls, concurrency: 64, seed: 3 });
// What still holds the process, named here, so that a failure says what to close.
const left = await leftBehind(baseline);
process.stdout.write(`${JSON.stringify({ settled: figures.settled, calls: figures.calls, hung: figures.hung, unhandledRejections: figures.unhandledRejections, left })}\n`);
