/**
 * Kakao Games platform: what a game does with a KGResult.
 *
 * The Kakao Game SDK hands every outcome to the game as a KGResult ({ code, desc, message,
 * content }). classify turns one into a GameServiceError, and the game decides what to do from
 * its category: a small closed set, instead of a table of codes. The same decision serves a
 * call the game makes over HTTP: here the platform answers 401 AuthFailure, which classifies as
 * unauthenticated, so the player is asked to sign in again (no token renewal, no retry).
 *
 * Run: npm run example -- platform-kgresult
 */
import { classify, createClient, type GameServiceError } from 'extralife';
import { serviceError, startLoopbackServer } from 'extralife/testing';

/** The game's one decision table: by category, never by code. */
function nextStep(error: GameServiceError<'platform'>): string {
  switch (error.category) {
    case 'unauthenticated':
      return 'sign in again';
    case 'cancelled':
      return 'nothing: the player cancelled';
    case 'network':
    case 'timeout':
      return 'check the connection, then try again';
    case 'maintenance':
      return 'show the maintenance notice';
    case 'account-restricted':
      return 'show the restriction notice';
    default:
      return error.retryable ? 'try again later' : `report ${error.code} to support`;
  }
}

/**
 * KGResults as the SDK's login callback gives them. 464 is the v4 SDK's renumbered Punishment:
 * the catalog (v3) does not hold it, and it still means a restriction. 8123 is a code nobody
 * knows: it classifies all the same, as unknown, with the platform's own words kept.
 */
const results = [
  { code: 9001, desc: 'UserCanceled', message: 'The user canceled the login.' },
  { code: 2004, desc: 'ConnectionFailed', message: 'Failed to connect to the server.' },
  { code: 461, desc: 'Punishment', message: 'This account is suspended.', content: { endDate: '2026-12-31' } },
  { code: 4010, desc: 'IdpAuthFailure', message: 'The identity provider token is invalid.' },
  { code: 464, desc: 'Punishment', message: 'This account is suspended.' },
  { code: 8123, desc: 'SomethingNew', message: 'A check this SDK version does not know failed.' },
];

export interface KgOutcome {
  readonly steps: readonly string[];
  readonly call: string;
  readonly refreshes: number;
}

export async function main(): Promise<KgOutcome> {
  const steps: string[] = [];
  for (const result of results) {
    const error = classify('platform', result);
    const step = nextStep(error);
    steps.push(step);
    console.log(`KGResult ${result.code} ${result.desc}: ${error.category} -> ${step}`);
  }

  const server = await startLoopbackServer(() => serviceError('platform', 'AuthFailure'));
  let refreshes = 0;
  try {
    const platform = createClient({
      service: 'platform',
      prefix: server.url,
      auth: {
        getToken: () => 'access-token-from-login',
        refreshToken: () => {
          refreshes += 1;
          return Promise.resolve('never-asked');
        },
      },
    });
    console.log('GET player/me');
    const me = await platform.get('player/me').json<{ playerId: string }>();
    const call = me.match(
      (player) => `signed in as ${player.playerId}`,
      (error) => `HTTP ${error.status ?? '-'}, code ${error.code} ${error.codeName ?? ''}: ${error.category} -> ${nextStep(error)}`,
    );
    console.log(`  ${call} (attempts: ${me.isErr() ? (me.error.attempts ?? 1) : 1}, token renewals: ${refreshes})`);
    return { steps, call, refreshes };
  } finally {
    await server.close();
  }
}

if (import.meta.main) await main();
