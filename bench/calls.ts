/**
 * The client's own cost, in process: an in-process `fetch` handed to ky, so that only JavaScript is
 * compared, never a socket. `npm run bench:calls [-- --rounds 30 --count 2000]`
 *
 * - success: a 200 JSON answer read with .json(), against bare `ky.get().json()`;
 * - error: a 404 problem document, the client's classified error against ky throwing its HTTPError;
 * - attempts: one call that fails twice (503, no wait) and succeeds, against a call of the same
 *   client that succeeds at once.
 */
import { join } from 'node:path';
import ky from 'ky';
import { compare, describe, numberOption, rootOption } from './lib/measure.ts';

const root = rootOption();
const { createLobbyClient } = (await import(join(root, 'src/services/lobby/index.ts'))) as typeof import('../src/services/lobby/index.ts');

const BASE = 'https://lobby.services.api.unity.com/v1';
const LOBBY = JSON.stringify({ id: 'lobby-1', name: 'Friday night', maxPlayers: 8, players: [{ id: 'p-1' }, { id: 'p-2' }], isPrivate: false });
const NOT_FOUND = JSON.stringify({ title: 'Not Found', status: 404, code: 16001, detail: 'lobby not found', type: 'http://unity3d/lobby/errors/lobby-not-found' });
const UNAVAILABLE = JSON.stringify({ title: 'Service Unavailable', status: 503, code: 3, detail: 'service unavailable' });
const JSON_HEADERS = { 'content-type': 'application/json' };
const PROBLEM_HEADERS = { 'content-type': 'application/problem+json' };

const success = (): Response => new Response(LOBBY, { status: 200, headers: JSON_HEADERS });
const notFound = (): Response => new Response(NOT_FOUND, { status: 404, headers: PROBLEM_HEADERS });
const unavailable = (): Response => new Response(UNAVAILABLE, { status: 503, headers: PROBLEM_HEADERS });

/** `lobbies/flaky` fails the first two requests of every three with a 503; everything else succeeds. */
let flakyCount = 0;
function answer(input: Request | URL | string): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.endsWith('/missing')) return Promise.resolve(notFound());
  if (url.endsWith('/flaky')) {
    flakyCount = (flakyCount + 1) % 3;
    return Promise.resolve(flakyCount === 0 ? success() : unavailable());
  }
  return Promise.resolve(success());
}

const client = createLobbyClient({ prefix: BASE, fetch: answer });
// No wait between attempts and no budget: what is measured is the work of a retry, not a timer.
const retrying = createLobbyClient({ prefix: BASE, fetch: answer, retry: { backoff: { baseMs: 0 }, budget: false } });
const bare = ky.create({ prefix: BASE, fetch: answer });

const rounds = numberOption('rounds', 30);
const count = numberOption('count', 2000);

async function repeat(count: number, call: () => Promise<void>): Promise<void> {
  for (let index = 0; index < count; index += 1) await call();
}

const kySuccess = (n: number): Promise<void> => repeat(n, async () => {
  await bare.get('lobbies/lobby-1').json();
});
const clientSuccess = (n: number): Promise<void> => repeat(n, async () => {
  const outcome = await client.get('lobbies/lobby-1').json();
  if (outcome.isErr()) throw outcome.error;
});
const kyError = (n: number): Promise<void> => repeat(n, async () => {
  try {
    await bare.get('lobbies/missing').json();
  } catch (error) {
    if (error instanceof Error && error.name === 'HTTPError') return;
    throw error;
  }
  throw new Error('expected an HTTPError');
});
const clientError = (n: number): Promise<void> => repeat(n, async () => {
  const outcome = await client.get('lobbies/missing').json();
  if (outcome.isOk() || outcome.error.code !== '16001') throw new Error('expected LobbyNotFound');
});
const oneAttempt = (n: number): Promise<void> => repeat(n, async () => {
  const outcome = await retrying.get('lobbies/lobby-1').json();
  if (outcome.isErr()) throw outcome.error;
});
const threeAttempts = (n: number): Promise<void> => repeat(n, async () => {
  flakyCount = 0;
  const outcome = await retrying.get('lobbies/flaky').json();
  if (outcome.isErr()) throw outcome.error;
});

console.log(`in process, ${rounds} rounds of ${count} calls each side (ratio: time of the first over the anchor's)`);
console.log(describe('success, client / bare ky', await compare(clientSuccess, kySuccess, { rounds, count })));
console.log(describe('error (404 problem document), client / ky HTTPError', await compare(clientError, kyError, { rounds, count })));
console.log(describe('three attempts (503, 503, 200) / one attempt, same client', await compare(threeAttempts, oneAttempt, { rounds, count })));
