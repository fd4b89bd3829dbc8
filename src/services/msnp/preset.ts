import type { RetryPreset } from '../../retry/preset.ts';
import { BASE_BUDGET, BASE_GATE_SPREAD_MS, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * withRetry defaults for MSNP commands: 2 retries, backoff from 1 s capped at 15 s (libpurple's
 * advice for 500, 601, 910 and 921 is "wait and try again"); 800 "changing too rapidly" and 713
 * "too active" wait 5 s.
 */
export const msnpPreset: RetryPreset<'msnp'> = {
  service: 'msnp',
  retry: { ...BASE_POLICY, backoffBaseMs: 1_000, backoffCapMs: 15_000 },
  budget: BASE_BUDGET,
  gateSpreadMs: BASE_GATE_SPREAD_MS,
};
