/**
 * Nintendo Switch Online app API (Coral): friend presence with token renewal.
 *
 * A presence bot polls the friend list and its own profile. Between two polls its web API token
 * expires: Coral says so in an HTTP 200 whose body is {"status": 9404}. Both calls of the second
 * poll are rejected with the same token, yet refreshToken runs once, and each call is sent again
 * with the new token.
 *
 * Run: npm run example -- coral-presence
 */
import { ResultAsync } from 'extralife';
import { createClient } from 'extralife';
import { expiringToken, serviceError, serviceSuccess, startLoopbackServer, type Responder } from 'extralife/testing';

interface Friend {
  readonly name: string;
  readonly presence: { readonly state: 'ONLINE' | 'PLAYING' | 'OFFLINE'; readonly game?: { readonly name: string } };
}

const friends: Friend[] = [
  { name: 'Marina', presence: { state: 'PLAYING', game: { name: 'Splatoon 3' } } },
  { name: 'Pearl', presence: { state: 'ONLINE' } },
  { name: 'Callie', presence: { state: 'OFFLINE' } },
];

/** A fake Coral API that answers only live tokens, with 9404 "Token expired." for the others. */
const coralApi: Responder = (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/v3/Friend/List') return serviceSuccess('coral', { friends });
  if (pathname === '/v3/User/ShowSelf') return serviceSuccess('coral', { name: 'presence-bot' });
  return serviceError('coral', 9400);
};

function describe(friend: Friend): string {
  const { state, game } = friend.presence;
  return state === 'PLAYING' && game !== undefined ? `${friend.name} is playing ${game.name}` : `${friend.name} is ${state.toLowerCase()}`;
}

export interface PresenceOutcome {
  readonly polls: readonly string[][];
  readonly refreshes: number;
  /** The tokens the service saw, in order: how the renewal shows from its side. */
  readonly presented: readonly (string | undefined)[];
}

export async function main(): Promise<PresenceOutcome> {
  // The tokens the fake service accepts; the stand-in account service below adds to it.
  const liveTokens = new Set(['token-1']);
  const fake = expiringToken({ service: 'coral', validTokens: liveTokens }, coralApi);
  const server = await startLoopbackServer(fake);
  let token = 'token-1';
  let refreshes = 0;
  try {
    const coral = createClient({
      service: 'coral',
      prefix: `${server.url}/v3`,
      auth: {
        getToken: () => token,
        // Stands in for the account service: a real bot would log in again here.
        refreshToken: (rejected) => {
          refreshes += 1;
          console.log(`  refreshToken(${rejected}) called`);
          token = `token-${refreshes + 1}`;
          liveTokens.add(token);
          return Promise.resolve(token);
        },
      },
      onRetry: ({ error }) => {
        console.log(`  a call was turned away: ${error.category}, {"status": ${error.code}} (${error.codeName ?? '?'}) in an HTTP ${error.status ?? '-'}`);
      },
      onRefresh: (event) => {
        console.log(`  token renewal ${event.outcome} in ${event.elapsedMs} ms`);
      },
    });

    const poll = async (): Promise<string[]> => {
      // Coral sends reads as POST; the client knows these two are safe to send again.
      const both = await ResultAsync.combine([coral.post('Friend/List').json<{ friends: Friend[] }>(), coral.post('User/ShowSelf').json<{ name: string }>()]);
      if (both.isErr()) {
        console.log(`  poll failed: ${both.error.message}`);
        return [];
      }
      const [list, self] = both.value;
      const lines = list.friends.map(describe);
      console.log(`  ${self.name} sees: ${lines.join('; ')}`);
      return lines;
    };

    console.log('poll 1');
    const first = await poll();
    console.log('the web API token expires');
    liveTokens.delete('token-1');
    console.log('poll 2');
    const second = await poll();
    console.log(`refreshToken was called ${refreshes === 1 ? 'once' : `${refreshes} times`}`);
    return { polls: [first, second], refreshes, presented: fake.presented };
  } finally {
    await server.close();
  }
}

if (import.meta.main) await main();
