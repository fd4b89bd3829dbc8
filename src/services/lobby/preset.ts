import type { HttpPreset } from '../../client/preset.ts';
import { BASE_BUDGET, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * Client defaults for Unity Gaming Services Lobby.
 *
 * - Token: `Authorization: Bearer <player access token>`.
 * - Retries: 3, backoff from 250 ms capped at 4 s: Lobby answers quickly and its limits are
 *   short. Unity's current rate-limits page (docs.unity.com, Lobby "Rate limits") gives per player:
 *   Join and Quick Join 1 per second, Create 2 per 6 s, Query 1 per second (older pages and
 *   Unity's sample still say 1 per 10 s for Quick Join). UGS sends Retry-After (or X-Retry-After)
 *   with 429; without it a rate limit waits 1 s, the shortest window of that page.
 * - `lobbies/query` and heartbeats are POSTs that may be repeated; create, join and quick-join
 *   are retried only when the answer proves nothing was done (a 409 on join is a state to read,
 *   never a reason to send it again).
 * - A 304 to a conditional GET (`If-None-Match` with the lobby's ETag) is a success: the lobby has
 *   not changed. The call gives the Response with status 304 and `.json()` gives undefined, as the
 *   SDK's generated GetLobbyAsync maps 304 to "not modified" rather than to an error.
 */
export const lobbyPreset: HttpPreset<'lobby'> = {
  service: 'lobby',
  retry: { ...BASE_POLICY, limit: 3, backoffBaseMs: 250, backoffCapMs: 4_000, rateLimitWaitMs: 1_000 },
  budget: BASE_BUDGET,
  gateSpreadMs: 1_000,
  auth: { header: 'Authorization', scheme: 'Bearer' },
  notModifiedIsSuccess: true,
  repeatable: /(?:^|\/)lobbies\/(?:query|[^/?#]+\/heartbeat)\/?(?:[?#]|$)/,
};
