import ky from 'ky';
import { test } from 'vitest';
import { createClient } from '../src/create-client.ts';

/*
 * The client's cost over bare ky (`npm run bench -- bench/client.bench.ts`), with an in-process
 * fetch passed through ky's `fetch` option so that only JavaScript is measured, never a socket.
 * Each group compares like with like:
 * - success: a 200 JSON answer read with .json();
 * - error: a 404 problem document, ky's HTTPError path against the client's classified error;
 * - attempts: the client's call that fails twice (503, no wait) and succeeds, against one that
 *   succeeds at once.
 */

const BASE = 'https://lobby.services.api.unity.com/v1';
const LOBBY = JSON.stringify({ id: 'lobby-1', name: 'Friday night', maxPlayers: 8, players: [{ id: 'p-1' }, { id: 'p-2' }], isPrivate: false });
const NOT_FOUND = JSON.stringify({ title: 'Not Found', status: 404, code: 16001, detail: 'lobby not found', type: 'http://unity3d/lobby/errors/lobby-not-found' });
const UNAVAILABLE = JSON.stringify({ title: 'Service Unavailable', status: 503, code: 3, detail: 'service unavailable' });

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROBLEM_HEADERS = { 'content-type': 'application/problem+json' };

const ok = (): Promise<Response> => Promise.resolve(new Response(LOBBY, { status: 200, headers: JSON_HEADERS }));
const notFound = (): Promise<Response> => Promise.resolve(new Response(NOT_FOUND, { status: 404, headers: PROBLEM_HEADERS }));

/** Fails the first two requests of every three with a 503, then succeeds. */
let attempt = 0;
const flaky = (): Promise<Response> => {
  attempt = (attempt + 1) % 3;
  return Promise.resolve(attempt === 0 ? new Response(LOBBY, { status: 200, headers: JSON_HEADERS }) : new Response(UNAVAILABLE, { status: 503, headers: PROBLEM_HEADERS }));
};

const okClient = createClient({ service: 'lobby', prefix: BASE, fetch: ok });
const notFoundClient = createClient({ service: 'lobby', prefix: BASE, fetch: notFound });
// No wait between attempts and no budget: what is measured is the work of a retry, not a timer.
const flakyClient = createClient({ service: 'lobby', prefix: BASE, fetch: flaky, retry: { backoff: { baseMs: 0 }, budget: false } });

/**
 * The client's latency over the baseline's, by median (p50) and by mean. The median is the
 * figure each target is read against: on a shared machine the mean carries the pauses of
 * garbage collection and of other processes, which neither side controls.
 */
function ratio(storage: { get(name: string): { latency: { p50?: number; mean: number } } }, measured: string, baseline: string): string {
  const a = storage.get(measured).latency;
  const b = storage.get(baseline).latency;
  return `${((a.p50 ?? a.mean) / (b.p50 ?? b.mean)).toFixed(3)} (median), ${(a.mean / b.mean).toFixed(3)} (mean)`;
}

test('success path: 200 JSON (target: client <= 1.0x bare ky)', async ({ bench }) => {
  const result = await bench.compare(
    bench('bare ky.get().json()', async () => {
      await ky.get(`${BASE}/lobbies/lobby-1`, { fetch: ok }).json();
    }),
    bench('extralife client.get().json()', async () => {
      const outcome = await okClient.get('lobbies/lobby-1').json();
      if (outcome.isErr()) throw outcome.error;
    }),
  );
  console.log(`success path: client / bare ky = ${ratio(result, 'extralife client.get().json()', 'bare ky.get().json()')}`);
});

test('error path: 404 problem document (target: client <= 1.10x ky HTTPError)', async ({ bench }) => {
  const result = await bench.compare(
    bench('bare ky HTTPError', async () => {
      try {
        await ky.get(`${BASE}/lobbies/missing`, { fetch: notFound }).json();
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        return;
      }
      throw new Error('expected an HTTPError');
    }),
    bench('extralife client error', async () => {
      const outcome = await notFoundClient.get('lobbies/missing').json();
      if (outcome.isOk()) throw new Error('expected an error');
    }),
  );
  console.log(`error path: client / ky HTTPError = ${ratio(result, 'extralife client error', 'bare ky HTTPError')}`);
});

test('attempts: three against one (target: three <= 2.2x one)', async ({ bench }) => {
  const result = await bench.compare(
    bench('client, one attempt', async () => {
      const outcome = await okClient.get('lobbies/lobby-1').json();
      if (outcome.isErr()) throw outcome.error;
    }),
    bench('client, three attempts', async () => {
      attempt = 0;
      const outcome = await flakyClient.get('lobbies/lobby-1').json();
      if (outcome.isErr()) throw outcome.error;
    }),
  );
  console.log(`attempts: three / one = ${ratio(result, 'client, three attempts', 'client, one attempt')}`);
});
