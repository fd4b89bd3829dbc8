import type { HttpPreset } from '../../client/preset.ts';
import { BASE_BUDGET, BASE_GATE_SPREAD_MS, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * Client defaults for the Nintendo Switch Online app API (Coral).
 *
 * - Token: `Authorization: Bearer <webApiServerCredential.accessToken>`.
 * - Retries: 2, backoff from 500 ms capped at 8 s (nxapi retries an expired token once and treats
 *   502-504, 521-524 and 530 as temporary); 9437 RATE_LIMIT_EXCEEDED carries no hint, so 5 s.
 * - Every Coral call is a POST, reads included: a POST whose endpoint only reads or issues a
 *   token (`.../List`, `.../Show`, `.../ShowSelf`, `.../Get...`, `Account/Login`) is retried
 *   like a GET; the others (`Friend/Favorite/Create`, `FriendRequest/Create`, `.../UpdateSelf`)
 *   only when the answer proves nothing was done.
 */
export const coralPreset: HttpPreset<'coral'> = {
  service: 'coral',
  retry: BASE_POLICY,
  budget: BASE_BUDGET,
  gateSpreadMs: BASE_GATE_SPREAD_MS,
  auth: { header: 'Authorization', scheme: 'Bearer' },
  repeatable: /\/(?:List\w*|Show\w*|Get\w+|Login)\/?(?:[?#]|$)/,
};
