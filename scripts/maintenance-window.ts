/**
 * How many of N concurrent calls fail during a 5 s maintenance window, with default options, over
 * a loopback server: Coral answers 9511 until the window ends. Run with and without a Retry-After
 * hint (without one, the gate waits the default 30 s before its probe). A report, not a test:
 * `node scripts/maintenance-window.ts [calls...]` (default 200 2000).
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCoralClient } from '../src/services/coral/client.ts';
import type { GiveUpReason } from '../src/retry/events.ts';
import { answer, maintenanceWindow, serviceSuccess, type Responder } from '../src/testing/index.ts';

const WINDOW_MS = 5_000;
const counts = process.argv.slice(2).map(Number).filter((count) => count > 0);
/** ky's per-attempt timeout, for a machine too busy for its default 10 s: `TIMEOUT_MS=30000 node scripts/...`. */
const timeout = process.env.TIMEOUT_MS === undefined ? undefined : Number(process.env.TIMEOUT_MS);

/**
 * The fake Coral, in a process of its own (`--serve <retry-after|none>`): on a 2-core machine a
 * server sharing the client's event loop makes 2,000 answers slow enough for ky's 10 s timeout,
 * and the calls would fail on the harness, not on the maintenance. The listen backlog is as deep
 * as a real front end's: Node's default of 511 leaves connections waiting on SYN retransmits.
 */
function serveHere(hint: string): void {
  // The window opens with the first request: a busy machine may take seconds to send them all.
  let window: Responder | undefined;
  let requests = 0;
  const server = createServer((incoming, outgoing) => {
    requests += 1;
    window ??= maintenanceWindow({ service: 'coral', durationMs: WINDOW_MS, retryAfterSeconds: hint === 'none' ? undefined : Number(hint) }, () => serviceSuccess('coral', { ok: true }));
    incoming.resume();
    incoming.on('end', () => {
      const request = new Request(`http://127.0.0.1${incoming.url ?? '/'}`, { method: incoming.method ?? 'GET' });
      void answer(window ?? (() => serviceSuccess('coral', {})), request).then(async (response) => {
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        outgoing.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4_096 }, () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  process.on('message', () => {
    process.send?.({ requests });
    process.exit(0);
  });
}

/** Starts the fake in a child process; the maintenance window opens when it starts listening. */
async function serve(hint: number | undefined): Promise<{ url: string; close: () => Promise<number> }> {
  const child = fork(import.meta.filename, ['--serve', hint === undefined ? 'none' : String(hint)]);
  const port = await new Promise<number>((resolve) => child.once('message', (message: { port: number }) => { resolve(message.port); }));
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () => {
      const counted = new Promise<number>((resolve) => child.once('message', (message: { requests: number }) => { resolve(message.requests); }));
      child.send('stop');
      return counted;
    },
  };
}

async function run(calls: number, retryAfterSeconds: number | undefined): Promise<string> {
  const server = await serve(retryAfterSeconds);
  const reasons: Partial<Record<GiveUpReason, number>> = {};
  const retried: Record<string, number> = {};
  const client = createCoralClient({
    prefix: server.url,
    ...(timeout === undefined ? {} : { timeout }),
    onRetry: (event) => { retried[event.error.category] = (retried[event.error.category] ?? 0) + 1; },
    onGiveUp: (event) => { reasons[event.reason] = (reasons[event.reason] ?? 0) + 1; },
  });
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: calls }, () => client.post('v3/Friend/List').json()));
  const tookMs = performance.now() - started;
  const requests = await server.close();
  const failed = results.filter((result) => result.isErr()).length;
  const why = Object.entries(reasons).map(([reason, count]) => `${reason} ${String(count)}`).join(', ');
  const retries = Object.entries(retried).map(([category, count]) => `${category} ${String(count)}`).join(', ');
  return `${String(calls).padStart(5)} calls, Retry-After ${retryAfterSeconds === undefined ? 'none' : `${String(retryAfterSeconds)} s`}: ${String(failed)} failed${why === '' ? '' : ` (${why})`}, ${String(requests)} requests, retries after ${retries}, all settled after ${(tookMs / 1000).toFixed(1)} s`;
}

if (process.argv[2] === '--serve') {
  serveHere(process.argv[3] ?? 'none');
} else {
  console.log(`A ${String(WINDOW_MS / 1000)} s Coral maintenance window (9511), one client with default options, all calls at once:`);
  for (const calls of counts.length === 0 ? [200, 2_000] : counts) {
    for (const hint of [5, undefined]) console.log(await run(calls, hint));
  }
}
