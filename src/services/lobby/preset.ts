import type { HttpPreset } from '../../client/preset.ts';
import { BASE_BUDGET, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * Client defaults for Unity Gaming Services Lobby.
 *
 * - Token: `Authorization: Bearer <player access token>`.
 * - Retries: 3, backoff from 250 ms capped at 4 s: Lobby answers quickly and its limits are
 *   short (Query 1/s, Create and Join 2 per 6 s, QuickJoin 1 per 10 s). UGS sends Retry-After
 *   with 429; without it a rate limit waits 1 s.
 * - `lobbies/query` and heartbeats are POSTs that may be repeated; create, join and quick-join
 *   are retried only when the answer proves nothing was done (a 409 on join is a state to read,
 *   never a reason to send it again).
 */
export const lobbyPreset: HttpPreset<'lobby'> = {
  service: 'lobby',
  retry: { ...BASE_POLICY, limit: 3, backoffBaseMs: 250, backoffCapMs: 4_000, rateLimitWaitMs: 1_000 },
  budget: BASE_BUDGET,
  gateSpreadMs: 1_000,
  auth: { header: 'Authorization', scheme: 'Bearer' },
  repeatable: /(?:^|\/)lobbies\/(?:query|[^/?#]+\/heartbeat)\/?(?:[?#]|$)/,
};
