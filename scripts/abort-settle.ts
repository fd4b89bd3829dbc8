/**
 * How long a call takes to settle after its signal aborts, over 1,000 random aborts against a
 * loopback server, whatever the call is doing: an attempt whose fetch ignores its signal, an
 * attempt that listens, a backoff, the maintenance gate, the gate's spread delay, a getToken that
 * never answers, a withRetry operation that ignores its signal. A report, not a test:
 * `node scripts/abort-settle.ts [aborts]`. The promise is 50 ms.
 */
import type { Result, ResultAsync } from 'neverthrow';
import { classify } from '../src/classify.ts';
import type { GameServiceError } from '../src/core/error.ts';
import { createClient } from '../src/create-client.ts';
import type { Client } from '../src/client/types.ts';
import { createRetryScope } from '../src/retry/scope.ts';
import { serviceError, serviceSuccess, startLoopbackServer } from '../src/testing/index.ts';
import { withRetry } from '../src/with-retry.ts';

const ABORTS = Number(process.argv[2] ?? 1_000);
const AT_ONCE = 20;
const PROMISE_MS = 50;

const never = new Promise<never>(() => undefined);
const server = await startLoopbackServer(async (request) => {
  const path = new URL(request.url).pathname;
  if (path.endsWith('/hold')) return never;
  if (path.endsWith('/busy')) return serviceError('lobby', 3);
  if (path.endsWith('/maintenance')) return serviceError('coral', 9511, { retryAfter: 20 });
  if (path.endsWith('/released')) return serviceSuccess('coral', {});
  return serviceSuccess('lobby', {});
});

function deafFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(input, init);
  return fetch(request.url, { method: request.method, headers: request.headers });
}

const lobby = createClient({ service: 'lobby', prefix: `${server.url}/`, timeout: false });
const deaf = createClient({ service: 'lobby', prefix: `${server.url}/`, timeout: false, fetch: deafFetch });
const slowBackoff = createClient({ service: 'lobby', prefix: `${server.url}/`, retry: { backoff: { baseMs: 30_000, capMs: 30_000 }, limit: 5 } });
const gated = createClient({ service: 'coral', prefix: `${server.url}/`, retry: { maxRetryAfter: 30_000 } });
const noToken = createClient({ service: 'lobby', prefix: `${server.url}/`, auth: { getToken: () => never, refreshToken: () => never } });
// The gate reopens for the spread scenario at once; its released calls then wait up to a minute.
const spreadScope = createRetryScope({ gateSpreadMs: 60_000 });
const spreading: Client<'coral'> = createClient({ service: 'coral', prefix: `${server.url}/`, scope: spreadScope, retry: { maxRetryTime: 120_000 } });

/** A call in some situation; what it settles to is a Result. */
type Scenario = (signal: AbortSignal) => Promise<Result<unknown, GameServiceError>>;
/** A ResultAsync as the Promise it wraps. */
async function settle(result: ResultAsync<unknown, GameServiceError>): Promise<Result<unknown, GameServiceError>> {
  return await result;
}

const SCENARIOS: Record<string, Scenario> = {
  'attempt, fetch ignores its signal': (signal) => settle(deaf.get('hold', { signal }).text()),
  'attempt, fetch listens': (signal) => settle(lobby.get('hold', { signal }).text()),
  'backoff sleep': (signal) => settle(slowBackoff.get('busy', { signal }).text()),
  'maintenance gate': (signal) => settle(gated.post('maintenance', { signal }).text()),
  'gate spread delay': (signal) => settle(spreading.post('released', { signal }).text()),
  'getToken never answers': (signal) => settle(noToken.get('hold', { signal }).text()),
  'withRetry op ignores its signal': (signal) => settle(withRetry(() => never, { service: 'nex', signal })),
};
const names = Object.keys(SCENARIOS);

/** Closes the spread scenario's gate for 5 ms when it is open: the calls that meet it are released together, into their spread delay. */
function primeSpread(): void {
  const gate = spreadScope.gate(`coral ${server.url}/`);
  if (gate.isOpen) void gate.close(5, classify('coral', { status: 200, body: { status: 9511 } }));
}

const settleMs: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
const outcomes: Record<string, number> = {};

async function one(index: number): Promise<void> {
  const name = names[index % names.length] ?? names[0] ?? '';
  const scenario = SCENARIOS[name];
  if (scenario === undefined) return;
  if (name === 'gate spread delay') primeSpread();
  const controller = new AbortController();
  let settledAt = 0;
  const call = scenario(controller.signal).then((result) => {
    settledAt = performance.now();
    return result;
  });
  // Abort at a random moment in the first 40 ms: before, during and after the first attempt.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
  const abortedAt = performance.now();
  controller.abort();
  const result = await call;
  const category = result.isErr() ? result.error.category : 'ok';
  outcomes[category] = (outcomes[category] ?? 0) + 1;
  if (category === 'cancelled') settleMs[name]?.push(Math.max(0, settledAt - abortedAt));
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function line(name: string, values: readonly number[]): string {
  const sorted = [...values].sort((left, right) => left - right);
  return `${name.padEnd(36)} n=${String(sorted.length).padStart(4)}  p50 ${quantile(sorted, 0.5).toFixed(2).padStart(6)}  p99 ${quantile(sorted, 0.99).toFixed(2).padStart(6)}  max ${(sorted.at(-1) ?? Number.NaN).toFixed(2).padStart(6)} ms`;
}

let next = 0;
await Promise.all(Array.from({ length: AT_ONCE }, async () => {
  while (next < ABORTS) {
    const index = next;
    next += 1;
    await one(index);
  }
}));
await server.close();
await spreadScope.close();

console.log(`${String(ABORTS)} random aborts, ${String(AT_ONCE)} at a time, on a loopback server; settle time from abort() to the Result`);
console.log(`outcomes: ${Object.entries(outcomes).map(([category, count]) => `${category} ${String(count)}`).join(', ')}`);
for (const name of names) console.log(line(name, settleMs[name] ?? []));
const all = Object.values(settleMs).flat();
console.log(line('all cancelled calls', all));
const over = all.filter((ms) => ms > PROMISE_MS).length;
console.log(`over ${String(PROMISE_MS)} ms: ${String(over)}`);
process.exit(0);
