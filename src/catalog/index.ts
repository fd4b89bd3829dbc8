import type { CatalogEntry } from '../core/catalog-entry.ts';
import { isService, SERVICES, type Service } from '../core/service.ts';
import { registry } from '../services/registry.ts';

const everything: readonly CatalogEntry[] = Object.freeze(SERVICES.flatMap((service) => registry[service].entries));

/**
 * The catalog entry for a code in any notation the service uses, or for a code's name.
 * @example lookup('nex', 0x80680006) === lookup('nex', '2306-0806')
 * @example lookup('lobby', 16001)?.name === 'LobbyNotFound'
 */
export function lookup(service: Service, code: string | number): CatalogEntry | undefined {
  // Callers without types may pass anything; an unknown service or code finds nothing.
  if (!isService(service) || (typeof code !== 'string' && typeof code !== 'number')) return undefined;
  return registry[service].lookup(code);
}

/** Every entry of one service, or of all services, in code order. */
export function catalog(service?: Service): readonly CatalogEntry[] {
  if (service === undefined) return everything;
  return isService(service) ? registry[service].entries : [];
}
