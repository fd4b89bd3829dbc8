import type { HttpPreset } from '../../client/preset.ts';
import { BASE_BUDGET, BASE_GATE_SPREAD_MS, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * Client defaults for the Kakao Games platform.
 *
 * - Token: `Authorization: Bearer <token>` (the SDK's HTTP format is not public; set `auth.header`
 *   and `auth.scheme` for a gateway that differs).
 * - Retries: 2, backoff from 500 ms capped at 8 s: the SDK's own "need to wait" set is 500-599,
 *   2001 and 2002, which the catalog advises to back off.
 */
export const platformPreset: HttpPreset<'platform'> = {
  service: 'platform',
  retry: BASE_POLICY,
  budget: BASE_BUDGET,
  gateSpreadMs: BASE_GATE_SPREAD_MS,
  auth: { header: 'Authorization', scheme: 'Bearer' },
};
