/**
 * Heap held by 10,000 calls in flight, against bare ky making the same calls: each call's fetch
 * answers only when released, and the heap is read after a full collection with every call
 * pending. Each side is measured in rounds, alternating; the figure is the ratio of the medians.
 * `npm run bench:heap [-- --calls 10000 --rounds 6]` (runs Node with --expose-gc itself)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ky from 'ky';
import { median, numberOption, rootOption } from './lib/measure.ts';

const root = rootOption();
const { createLobbyClient } = (await import(join(root, 'src/services/lobby/index.ts'))) as typeof import('../src/services/lobby/index.ts');

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  execFileSync(process.execPath, ['--expose-gc', import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(0);
}
const collect = gc;

const calls = numberOption('calls', 10_000);
const rounds = numberOption('rounds', 6);
const BASE = 'https://lobby.services.api.unity.com/v1';
const LOBBY = JSON.stringify({ id: 'lobby-1', name: 'Friday night' });

/** Fetches that hang until released, all answered at once with a 200. */
let waiting: Array<() => void> = [];
function held(): Promise<Response> {
  return new Promise((resolve) => {
    waiting.push(() => { resolve(new Response(LOBBY, { status: 200, headers: { 'content-type': 'application/json' } })); });
  });
}

const bare = ky.create({ prefix: BASE, fetch: held });
const client = createLobbyClient({ prefix: BASE, fetch: held });

/** Bytes of heap `calls` pending calls hold, after a full collection. */
async function pendingHeap(start: () => Promise<unknown>): Promise<number> {
  collect();
  const before = process.memoryUsage().heapUsed;
  const pending: Array<Promise<unknown>> = [];
  for (let index = 0; index < calls; index += 1) pending.push(start());
  // Let every call reach its fetch before measuring.
  while (waiting.length < calls) await new Promise((resolve) => setImmediate(resolve));
  collect();
  const held = process.memoryUsage().heapUsed - before;
  for (const release of waiting) release();
  waiting = [];
  await Promise.all(pending);
  return held;
}

const kyCall = (): Promise<unknown> => bare.get('lobbies/lobby-1').json();
const clientCall = async (): Promise<unknown> => {
  const outcome = await client.get('lobbies/lobby-1').json();
  if (outcome.isErr()) throw outcome.error;
  return outcome.value;
};

await pendingHeap(kyCall);
await pendingHeap(clientCall);
const ours: number[] = [];
const anchor: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  anchor.push(await pendingHeap(kyCall));
  ours.push(await pendingHeap(clientCall));
}
const [a, b] = [median(ours), median(anchor)];
const kib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB (${Math.round(bytes / calls)} B a call)`;
console.log(`heap of ${calls} pending calls: client ${kib(a)}, bare ky ${kib(b)} (medians of ${rounds}): ${(a / b).toFixed(2)}×`);
