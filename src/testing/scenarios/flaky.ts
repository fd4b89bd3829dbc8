import { badGatewayPage, networkError, truncate, unavailablePage } from '../faults.ts';
import { seededRandom } from '../prng.ts';
import type { FakeService, Responder } from '../responder.ts';
import { serviceError } from '../service-response.ts';
import { emptySuccess } from './service-answers.ts';

/**
 * What can go wrong between a client and a service:
 * - `network-error`: the connection fails (fetch rejects; the loopback server resets the socket);
 * - `bad-gateway-html`: a proxy's 502 HTML page instead of the service's JSON;
 * - `service-unavailable`: 503 (Lobby: its problem details, code 3; others: a proxy's HTML page);
 * - `truncated-body`: the real answer, cut off midway.
 *
 * @example
 * flaky({ service: 'lobby', probability: 0.2, seed: 1, faults: FLAKY_FAULTS.filter((fault) => fault !== 'truncated-body') });
 */
export const FLAKY_FAULTS = ['network-error', 'bad-gateway-html', 'service-unavailable', 'truncated-body'] as const;
/**
 * One of {@link FLAKY_FAULTS}.
 * @example
 * const faults: FlakyFault[] = ['network-error', 'bad-gateway-html'];
 */
export type FlakyFault = (typeof FLAKY_FAULTS)[number];

/**
 * Options of {@link flaky}.
 * @example
 * const options: FlakyOptions = { service: 'coral', probability: 0.25, seed: 2024 };
 */
export interface FlakyOptions {
  /** The service whose answers the scenario sends, in that service's wire form. */
  readonly service: FakeService;
  /** The chance, 0 to 1, that a request fails. */
  readonly probability: number;
  /** The same seed fails the same requests (by order) on every run. */
  readonly seed: number;
  /** The faults to choose among. @default all of {@link FLAKY_FAULTS} */
  readonly faults?: readonly FlakyFault[] | undefined;
}

async function fault(kind: FlakyFault, service: FakeService, next: Responder, request: Request): Promise<Response> {
  switch (kind) {
    case 'network-error':
      return networkError();
    case 'bad-gateway-html':
      return badGatewayPage();
    case 'service-unavailable':
      return service === 'lobby' ? serviceError('lobby', 3) : unavailablePage();
    case 'truncated-body':
      return truncate(await next(request));
  }
}

/**
 * Fails a seeded share of requests with transport faults, and passes the rest to the success
 * path. The outcomes depend only on the seed and the order of requests, so a failing test
 * fails the same way when run again.
 *
 * @param next the answer for a request that gets through. @default an empty success
 * @example
 * const fake = flaky({ service: 'coral', probability: 0.3, seed: 42, faults: ['network-error', 'bad-gateway-html'] }, ok);
 */
export function flaky(options: FlakyOptions, next: Responder = emptySuccess(options.service)): Responder {
  const random = seededRandom(options.seed);
  const faults = options.faults !== undefined && options.faults.length > 0 ? options.faults : FLAKY_FAULTS;
  return (request) => {
    const roll = random();
    const pick = random();
    if (roll >= options.probability) return next(request);
    const kind = faults[Math.min(faults.length - 1, Math.floor(pick * faults.length))] ?? 'network-error';
    return fault(kind, options.service, next, request);
  };
}
