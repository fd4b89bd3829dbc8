/**
 * A call cancelled while its token renewal hangs, in a process of its own: the renewal is shared
 * and runs on, but nothing of the library's may keep the process alive once the call has ended.
 * Prints how the call ended as one JSON line, then returns.
 */
import { createClient } from '../../src/create-client.ts';

const controller = new AbortController();
const client = createClient({
  service: 'lobby',
  prefix: 'https://lobby.services.api.unity.com/v1',
  // Ten minutes: a timer of the renewal's left armed would hold the process far past the test's patience.
  retry: { maxRetryTime: 600_000 },
  signal: controller.signal,
  auth: { getToken: () => 'expired-token', refreshToken: () => new Promise<string>(() => undefined) },
  fetch: () => {
    // The renewal has begun once the expired token was answered: then the caller gives up.
    queueMicrotask(() => {
      setTimeout(() => { controller.abort(); }, 20);
    });
    return Promise.resolve(new Response('{"status":401,"title":"Unauthorized","code":16401,"detail":"token expired"}', { status: 401, headers: { 'content-type': 'application/problem+json' } }));
  },
});
const result = await client.get('lobbies/lobby-1').json();
process.stdout.write(`${JSON.stringify(result.isErr() ? { category: result.error.category, attempts: result.error.attempts } : { ok: true })}\n`);
