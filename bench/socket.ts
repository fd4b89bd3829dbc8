/**
 * Throughput over a real socket: bare ky against extralife's Lobby client, the same server (a
 * loopback server in a child process, see lib/socket-server.ts), 64 calls at a time, a success
 * and a 404 problem document. `npm run bench:socket [-- --rounds 20 --count 4000]`
 *
 * The figure is the client's throughput over bare ky's, median of alternating rounds.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import ky from 'ky';
import { compare, numberOption, type Batch, type Comparison, rootOption } from './lib/measure.ts';

const root = rootOption();
const { createLobbyClient } = (await import(join(root, 'src/services/lobby/index.ts'))) as typeof import('../src/services/lobby/index.ts');

const CONCURRENCY = 64;
const rounds = numberOption('rounds', 20);
const count = numberOption('count', 4000);

const child = spawn(process.execPath, [join(import.meta.dirname, 'lib', 'socket-server.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const prefix = `http://127.0.0.1:${line.toString().trim()}/v1`;

const bare = ky.create({ prefix, retry: 0 });
const client = createLobbyClient({ prefix });

/** `count` calls, `CONCURRENCY` in flight at any moment. */
function concurrently(call: () => Promise<void>): Batch {
  return async (total) => {
    let started = 0;
    const worker = async (): Promise<void> => {
      while (started < total) {
        started += 1;
        await call();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
}

const kySuccess = concurrently(async () => {
  await bare.get('lobbies/lobby-1').json();
});
const clientSuccess = concurrently(async () => {
  const outcome = await client.get('lobbies/lobby-1').json();
  if (outcome.isErr()) throw outcome.error;
});
const kyNotFound = concurrently(async () => {
  try {
    await bare.get('lobbies/missing').json();
  } catch (error) {
    if (error instanceof Error && error.name === 'HTTPError') return;
    throw error;
  }
  throw new Error('expected an HTTPError');
});
const clientNotFound = concurrently(async () => {
  const outcome = await client.get('lobbies/missing').json();
  if (outcome.isOk() || outcome.error.code !== '16001') throw new Error('expected LobbyNotFound');
});

/** Throughput is the inverse of time: client over ky is the anchor's time over the client's. */
function throughput(label: string, result: Comparison): string {
  const [low, high] = result.range;
  return `${label}: ${(1 / result.ratio).toFixed(2)}× bare ky's throughput, median (${(1 / result.best).toFixed(2)}× best rounds; rounds ${(1 / high).toFixed(2)}–${(1 / low).toFixed(2)}; ${Math.round(result.measuredRate)} vs ${Math.round(result.anchorRate)} calls/s)`;
}

try {
  console.log(`real loopback socket (server in a child process), ${CONCURRENCY} concurrent, ${rounds} rounds of ${count} calls each side`);
  console.log(throughput('success', await compare(clientSuccess, kySuccess, { rounds, count })));
  console.log(throughput('404 problem document', await compare(clientNotFound, kyNotFound, { rounds, count })));
} finally {
  child.stdin.end();
  await once(child, 'exit');
}
