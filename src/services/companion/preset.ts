import type { HttpPreset } from '../../client/preset.ts';
import { BASE_BUDGET, BASE_GATE_SPREAD_MS, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * Client defaults for the FINAL FANTASY XIV companion app API.
 *
 * - Token: the bare token in a `token` header, and a `request-id` header (a UUID per call, kept
 *   across polls and retries so the service can match them).
 * - HTTP 202 means "queued": the same request is sent again 5 times, 1500 ms apart (7.5 s in all;
 *   companion-php polls 5 x 1500 ms, other clients 6 x 800 ms), then the call ends as a timeout.
 * - Retries: 3, backoff from 1 s capped at 10 s: the service is slow to recover and queues work.
 */
export const companionPreset: HttpPreset<'companion'> = {
  service: 'companion',
  retry: { ...BASE_POLICY, limit: 3, backoffBaseMs: 1_000, backoffCapMs: 10_000 },
  budget: BASE_BUDGET,
  gateSpreadMs: BASE_GATE_SPREAD_MS,
  auth: { header: 'token', scheme: '' },
  requestIdHeader: 'request-id',
  poll: { limit: 5, intervalMs: 1_500 },
};
