import type { CatalogEntry } from '../core/catalog-entry.ts';
import { SERVICES, type Service } from '../core/service.ts';
import { companionIndex, lookupCompanion } from '../services/companion/catalog.ts';
import { coralIndex, lookupCoral } from '../services/coral/catalog.ts';
import { lobbyIndex, lookupLobby } from '../services/lobby/catalog.ts';
import { lookupMsnp, msnpIndex } from '../services/msnp/catalog.ts';
import { lookupNex, nexIndex } from '../services/nex/catalog.ts';
import { lookupPlatform, platformIndex } from '../services/platform/catalog.ts';

const lookups: Record<Service, (code: string | number) => CatalogEntry | undefined> = {
  nex: lookupNex,
  coral: lookupCoral,
  msnp: lookupMsnp,
  companion: lookupCompanion,
  platform: lookupPlatform,
  lobby: lookupLobby,
};

const entries: Record<Service, readonly CatalogEntry[]> = {
  nex: nexIndex.entries,
  coral: coralIndex.entries,
  msnp: msnpIndex.entries,
  companion: companionIndex.entries,
  platform: platformIndex.entries,
  lobby: lobbyIndex.entries,
};

const everything: readonly CatalogEntry[] = Object.freeze(SERVICES.flatMap((service) => entries[service]));

/**
 * The catalog entry for a code in any notation the service uses, or for a code's name.
 * @example lookup('nex', 0x80680006) === lookup('nex', '2306-0806')
 * @example lookup('lobby', 16001)?.name === 'LobbyNotFound'
 */
export function lookup(service: Service, code: string | number): CatalogEntry | undefined {
  // Callers without types may pass anything; an unknown service or code finds nothing.
  const find = (lookups as Partial<Record<string, (code: string | number) => CatalogEntry | undefined>>)[service];
  if (find === undefined || (typeof code !== 'string' && typeof code !== 'number')) return undefined;
  return find(code);
}

/** Every entry of one service, or of all services, in code order. */
export function catalog(service?: Service): readonly CatalogEntry[] {
  if (service === undefined) return everything;
  return (entries as Partial<Record<string, readonly CatalogEntry[]>>)[service] ?? [];
}
