import type { RetryPreset } from '../../retry/preset.ts';
import { BASE_BUDGET, BASE_GATE_SPREAD_MS, BASE_POLICY } from '../../retry/defaults.ts';

/**
 * withRetry defaults for NEX RMC calls: 2 retries, backoff from 1 s (PRUDP resends after 1 s)
 * capped at 8 s. NEX gives no delay hints, so maintenance (Authentication::UnderMaintenance) waits
 * 30 s and a busy server 5 s.
 */
export const nexPreset: RetryPreset<'nex'> = {
  service: 'nex',
  retry: { ...BASE_POLICY, backoffBaseMs: 1_000 },
  budget: BASE_BUDGET,
  gateSpreadMs: BASE_GATE_SPREAD_MS,
};
