import { HTTP_SERVICES, SERVICES } from '../catalog/generated/services.ts';

export { HTTP_SERVICES, SERVICES };

/**
 * A game online service extralife understands: one per file of `catalog/data/`, each saying in
 * its `about` what the service is (`nex`, `coral`, `msnp`, `companion`, `platform`, `lobby`).
 */
export type Service = (typeof SERVICES)[number];

/** A service whose answers arrive over HTTP. */
export type HttpService = (typeof HTTP_SERVICES)[number];

/** True for the name of a service extralife knows. */
export function isService(value: unknown): value is Service {
  return typeof value === 'string' && (SERVICES as readonly string[]).includes(value);
}
