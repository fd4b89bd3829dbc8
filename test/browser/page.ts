/**
 * Runs in the browser page: the built client against the page's own origin, through a Lobby
 * maintenance window and a Coral token renewal. Results land on window.extralifeResults.
 */
import { createClient } from '../../src/index.ts';

interface ScenarioResult {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly category?: string;
  readonly retries: number;
  readonly refreshes: number;
  readonly tokens: string[];
}

async function maintenance(): Promise<ScenarioResult> {
  let retries = 0;
  const lobby = createClient({
    service: 'lobby',
    prefix: `${location.origin}/lobby/v1`,
    retry: { limit: 5, maxRetryAfter: 2_000, maintenanceWaitMs: 300 },
    onRetry: () => {
      retries++;
    },
  });
  const result = await lobby.get('lobbies/lobby-1').json<{ id: string }>();
  return result.match(
    (value) => ({ ok: true, value, retries, refreshes: 0, tokens: [] }),
    (error) => ({ ok: false, category: error.category, retries, refreshes: 0, tokens: [] }),
  );
}

async function refresh(): Promise<ScenarioResult> {
  let refreshes = 0;
  const tokens: string[] = [];
  const coral = createClient({
    service: 'coral',
    prefix: `${location.origin}/coral/v3`,
    auth: {
      getToken: () => 'stale-token',
      refreshToken: (rejected) => {
        refreshes++;
        tokens.push(rejected);
        return Promise.resolve('fresh-token');
      },
    },
  });
  const calls = await Promise.all([1, 2, 3].map(() => coral.post('Friend/List').json<{ friends: unknown[] }>()));
  const failed = calls.find((call) => call.isErr());
  if (failed?.isErr() === true) return { ok: false, category: failed.error.category, retries: 0, refreshes, tokens };
  return { ok: true, value: calls.map((call) => call.unwrapOr(undefined)), retries: 0, refreshes, tokens };
}

declare global {
  interface Window {
    extralifeResults?: { maintenance: ScenarioResult; refresh: ScenarioResult } | { crashed: string };
  }
}

Promise.all([maintenance(), refresh()]).then(
  ([maintenanceResult, refreshResult]) => {
    window.extralifeResults = { maintenance: maintenanceResult, refresh: refreshResult };
  },
  (error: unknown) => {
    window.extralifeResults = { crashed: String(error) };
  },
);
