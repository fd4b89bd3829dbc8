import type { FakeService, Responder } from '../responder.ts';
import { serviceError, serviceSuccess } from '../service-response.ts';
import type { ServiceErrorOptions } from '../wire/options.ts';

/**
 * Which of each service's codes the scenarios answer with. Where a service has no code for a
 * situation, the closest one and an HTTP status stand in, noted per row.
 */
interface ScenarioCode {
  readonly code: string;
  readonly status?: number;
}

/** Maintenance: Coral 9511 MAINTENANCE, Companion 100000, platform 473 (Kakao's maintenance status), Lobby 3 ServiceUnavailable (503). */
export const MAINTENANCE: Readonly<Record<FakeService, ScenarioCode>> = {
  coral: { code: '9511' },
  companion: { code: '100000' },
  platform: { code: '473' },
  lobby: { code: '3' },
};

/** An expired token. platform has no such code: 401 AuthFailure is what the SDK reports. */
export const TOKEN_EXPIRED: Readonly<Record<FakeService, ScenarioCode>> = {
  coral: { code: '9404' },
  companion: { code: '111001' },
  platform: { code: '401' },
  lobby: { code: '52' },
};

/** No token at all. */
export const TOKEN_MISSING: Readonly<Record<FakeService, ScenarioCode>> = {
  coral: { code: '9403' },
  companion: { code: '111001' },
  platform: { code: '401' },
  lobby: { code: '51' },
};

/**
 * Too many requests. Coral 9437 RATE_LIMIT_EXCEEDED; Lobby 50 (429). Companion has no
 * documented rate-limit code: 340000 is what public clients see when flooding it, sent with
 * 429. platform has none: HTTP 429 carrying code 429.
 */
export const RATE_LIMITED: Readonly<Record<FakeService, ScenarioCode>> = {
  coral: { code: '9437' },
  companion: { code: '340000', status: 429 },
  platform: { code: '429' },
  lobby: { code: '50' },
};

/** The answer for a scenario row, with the caller's options on top. */
export function answerFor(service: FakeService, row: ScenarioCode, options: ServiceErrorOptions = {}): Response {
  return serviceError(service, row.code, { ...(row.status === undefined ? {} : { status: row.status }), ...options });
}

/** The success path a scenario wraps when the test names none: an empty success. */
export function emptySuccess(service: FakeService): Responder {
  return () => serviceSuccess(service, {});
}
