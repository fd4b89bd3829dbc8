/**
 * Unity Lobby: quick-join under rate limits.
 *
 * The player asks for a ranked match, then a casual one. Quick-join allows one request per
 * second, as Unity's current rate-limits page says (docs.unity.com, Lobby "Rate limits": Join and
 * Quick Join 1 per second, Create 2 per 6 s, Query 1 per second), so the second ask meets 429
 * with Retry-After: the client waits as told and asks again. Neither ask finds an open lobby (16006 NoOpenLobbies), a
 * normal answer the game handles by creating a lobby of its own.
 *
 * Run: node examples/lobby-quick-join.ts
 */
import { createClient, type GameServiceError } from '../src/index.ts';
import { rateLimit, serviceError, serviceSuccess, startLoopbackServer, type Responder } from '../src/testing/index.ts';

interface Lobby {
  readonly id: string;
  readonly name: string;
  readonly maxPlayers: number;
}

/** A fake Lobby service: no lobby is open, quick-join is rate-limited, create works. */
const fakeLobby = (): Responder => {
  const quickJoin = rateLimit({ service: 'lobby', limit: 1, windowMs: 1_000 }, () => serviceError('lobby', 'NoOpenLobbies'));
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/v1/lobbies/quickjoin') return quickJoin(request);
    if (pathname === '/v1/create') {
      const { name } = (await request.json()) as { name: string };
      return serviceSuccess('lobby', { id: 'lobby-7', name, maxPlayers: 4 });
    }
    return serviceError('lobby', 'EntityNotFound');
  };
};

/** What the game does with a failure it did not expect: say what it is, and whether waiting could help. */
function explain(error: GameServiceError<'lobby'>): string {
  return `${error.category} (${error.code}${error.codeName === undefined ? '' : ` ${error.codeName}`})${error.retryable ? ', worth trying later' : ''}`;
}

export async function main(): Promise<Lobby | GameServiceError<'lobby'>> {
  const server = await startLoopbackServer(fakeLobby());
  try {
    const lobby = createClient({
      service: 'lobby',
      prefix: `${server.url}/v1`,
      onRetry: ({ error, attempt, delayMs }) => {
        console.log(`  attempt ${attempt}: ${error.category} (HTTP ${error.status ?? '-'}, code ${error.code}), retrying in ${delayMs} ms`);
      },
    });

    for (const mode of ['ranked', 'casual']) {
      console.log(`quick-join ${mode}`);
      const joined = await lobby.post('lobbies/quickjoin', { json: { filter: [{ field: 'S1', op: 'EQ', value: mode }] } }).json<Lobby>();
      if (joined.isOk()) {
        console.log(`joined ${joined.value.name}`);
        return joined.value;
      }
      const { error } = joined;
      // 16006 is an answer, not a fault: the catalog files it under not-found, never retried.
      if (error.category === 'not-found' && error.code === '16006') {
        console.log(`  no open ${mode} lobby (${error.codeName ?? error.code})`);
        continue;
      }
      console.log(`  quick-join failed: ${explain(error)}`);
      return error;
    }

    console.log('creating a casual lobby');
    const created = await lobby.post('create', { json: { name: 'casual', maxPlayers: 4, isPrivate: false } }).json<Lobby>();
    return created.match(
      (value) => {
        console.log(`created ${value.name} lobby ${value.id} for ${value.maxPlayers} players`);
        return value;
      },
      (error) => {
        console.log(`create failed: ${explain(error)}`);
        return error;
      },
    );
  } finally {
    await server.close();
  }
}

if (import.meta.main) await main();
