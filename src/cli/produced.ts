import { classify } from '../classify.ts';
import { BodyLimitExceeded, bodyTooLarge, DEFAULT_MAX_BODY_BYTES } from '../client/body.ts';
import { TRANSPORT_CODES } from '../core/codes.ts';
import { HTTP_SERVICES, type Service } from '../core/service.ts';
import type { GameServiceError } from '../core/error.ts';
import type { ExplainedEntry } from './match.ts';

/**
 * The codes extralife itself gives an error when the service sent none it could read: NETWORK,
 * TIMEOUT, CANCELLED and UNKNOWN for every service, BODY_TOO_LARGE for the client's bounded bodies, and for the HTTP services the HTTP status
 * (Lobby: 16000 + the status, as Unity's SDK reports it). Each is explained from what `classify`
 * really gives for such a failure, so `explain` cannot drift from the adapters.
 */
const TRANSPORT_FAILURES: Readonly<Record<(typeof TRANSPORT_CODES)[number], (service: Service) => GameServiceError>> = {
  NETWORK: (service) => classify(service, new TypeError('fetch failed')),
  TIMEOUT: (service) => classify(service, new DOMException('The operation timed out.', 'TimeoutError')),
  CANCELLED: (service) => classify(service, new DOMException('This operation was aborted', 'AbortError')),
  UNKNOWN: (service) => classify(service, undefined),
  // The client's own error for a success body past maxBodyBytes, as it builds it.
  BODY_TOO_LARGE: (service) => bodyTooLarge(service, new BodyLimitExceeded(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES + 1, false), undefined, 200),
};

const ORIGIN = 'extralife: no service code could be read';

/** The entries a query names among the codes extralife produces, for the services given. */
export function producedMatches(query: string, services: readonly Service[]): readonly ExplainedEntry[] {
  const transport = TRANSPORT_CODES.find((code) => code === query.toUpperCase());
  if (transport !== undefined) return transportEntries(transport, services);
  return services.flatMap((service) => statusEntry(query, service));
}

function transportEntries(code: (typeof TRANSPORT_CODES)[number], services: readonly Service[]): readonly ExplainedEntry[] {
  const errors = services.map((service) => TRANSPORT_FAILURES[code](service));
  const first = errors[0];
  if (first === undefined) return [];
  // Every service reads a transport failure the same way: one entry says it for all of them.
  const same = errors.every((error) => error.code === first.code && error.category === first.category && error.retry === first.retry && error.description === first.description);
  if (same && services.length > 1) return [entryFrom(first, 'any', `${ORIGIN}; the same for every service`)];
  return errors.map((error) => entryFrom(error, error.service, ORIGIN));
}

/** A bare HTTP status, read as the service's adapter reads an answer that carries nothing else. */
function statusEntry(query: string, service: Service): readonly ExplainedEntry[] {
  if (!(HTTP_SERVICES as readonly Service[]).includes(service) || !/^\d{3,5}$/.test(query)) return [];
  const status = service === 'lobby' ? Number(query) - 16_000 : Number(query);
  if (!Number.isInteger(status) || status < 100 || status > 599) return [];
  const error = classify(service, { status });
  if (error.code !== query || error.codeName !== undefined) return [];
  const how = service === 'lobby' ? `16000 + the HTTP status ${String(status)}, as Unity's SDK reports an answer without a code` : `the HTTP status of an answer without a ${service} code`;
  return [entryFrom(error, service, `extralife: ${how}`)];
}

function entryFrom(error: GameServiceError, service: Service | 'any', source: string): ExplainedEntry {
  return {
    service,
    code: error.code,
    name: error.code,
    description: error.description,
    category: error.category,
    retry: error.retry,
    source,
    producedBy: 'extralife',
  };
}
