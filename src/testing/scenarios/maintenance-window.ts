import type { FakeService, Responder } from '../responder.ts';
import { answerFor, emptySuccess, MAINTENANCE } from './service-answers.ts';

/**
 * Options of {@link maintenanceWindow}.
 * @example
 * const options: MaintenanceWindowOptions = { service: 'coral', durationMs: 30 * 60_000, retryAfterSeconds: 600 };
 */
export interface MaintenanceWindowOptions {
  /** The service whose answers the scenario sends, in that service's wire form. */
  readonly service: FakeService;
  /** How long maintenance lasts, in milliseconds. */
  readonly durationMs: number;
  /** Sent as Retry-After while maintenance lasts. @default no Retry-After, as the services send none */
  readonly retryAfterSeconds?: number | undefined;
  /** When maintenance begins. @default the moment the scenario is created */
  readonly startsAt?: number | Date | undefined;
  /** The clock, in epoch milliseconds. @default Date.now, so fake timers drive the window */
  readonly now?: (() => number) | undefined;
}

/**
 * Maintenance in the service's own form until the window ends, then the success path:
 * Coral `{"status": 9511}`, Companion 503 "Under Maintenance", platform 473, Lobby 503 code 3.
 *
 * @param next the answer once maintenance is over. @default an empty success
 * @example
 * vi.useFakeTimers();
 * const fake = maintenanceWindow({ service: 'companion', durationMs: 60_000 }, () => serviceSuccess('companion', { items: [] }));
 * // 503 "Under Maintenance" now; after vi.advanceTimersByTime(60_000), 200 with the items.
 */
export function maintenanceWindow(options: MaintenanceWindowOptions, next: Responder = emptySuccess(options.service)): Responder {
  const now = options.now ?? Date.now;
  const start = options.startsAt === undefined ? now() : Number(options.startsAt);
  const end = start + options.durationMs;
  return (request) => {
    const time = now();
    if (time < start || time >= end) return next(request);
    return answerFor(options.service, MAINTENANCE[options.service], { retryAfter: options.retryAfterSeconds });
  };
}
