import type { HttpPreset } from '../../client/preset.ts';
import { BASE_BUDGET, BASE_GATE_SPREAD_MS, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * Client defaults for the FINAL FANTASY XIV companion app API.
 *
 * - Token: the bare token in a `token` header, and a `request-id` header (a UUID per call, kept
 *   across polls and retries so the service can match them).
 * - HTTP 202 means "queued": the same request is sent again up to 5 times, 800 ms apart (6
 *   requests in 4 s), then the call ends as a timeout. This is companion-php's loop
 *   (src/Companion/Http/Sight.php over range(0, QUERY_LOOP_COUNT = 5), usleep(QUERY_DELAY_MS =
 *   800 ms), Config/CompanionSight.php). libpompom-sharp (Api/CompanionApi.cs) is more patient:
 *   every second for up to 3 minutes. The shorter default is a choice: a market tracker asks for
 *   many items and would rather move on; raise `poll` for a single slow query.
 * - Retries: 3, backoff from 1 s capped at 10 s: the service is slow to recover and queues work.
 */
export const companionPreset: HttpPreset<'companion'> = {
  service: 'companion',
  retry: { ...BASE_POLICY, limit: 3, backoffBaseMs: 1_000, backoffCapMs: 10_000 },
  budget: BASE_BUDGET,
  gateSpreadMs: BASE_GATE_SPREAD_MS,
  auth: { header: 'token', scheme: '' },
  requestIdHeader: 'request-id',
  poll: { limit: 5, intervalMs: 800 },
};
