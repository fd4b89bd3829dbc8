import { HTTP_SERVICES, type HttpService, type Service } from '../core/service.ts';
import { companionDefinition } from './companion/definition.ts';
import { coralDefinition } from './coral/definition.ts';
import type { HttpServiceDefinition, ServiceDefinition } from './definition.ts';
import { lobbyDefinition } from './lobby/definition.ts';
import { msnpDefinition } from './msnp/definition.ts';
import { nexDefinition } from './nex/definition.ts';
import { platformDefinition } from './platform/definition.ts';

/**
 * Every service, by name: the one list the root entry point reads. A service is a catalog file
 * in `catalog/data/`, a folder in `src/services/`, and its line here. A service's own entry point
 * (`extralife/lobby`) imports only its own folder, never this list.
 */
const definitions = Object.freeze({
  nex: nexDefinition,
  coral: coralDefinition,
  msnp: msnpDefinition,
  companion: companionDefinition,
  platform: platformDefinition,
  lobby: lobbyDefinition,
});

/**
 * What each service's adapter can be told beside the raw value: ClassifyContext, and for some
 * services more (MSNP: the connection and the command answered; NEX: whether a body starts with a result).
 */
export type ClassifyContextOf<S extends Service> = NonNullable<Parameters<(typeof definitions)[S]['adapter']['classify']>[1]>;

/** Every service's definition, by name. */
export const registry: { readonly [S in Service]: ServiceDefinition<S> } = definitions;

// Checks, by type, that every HTTP service's definition has its HTTP parts.
const httpDefinitions: { readonly [S in HttpService]: HttpServiceDefinition<S> } = definitions;

/** The services that answer over HTTP, by name: the same definitions, with their HTTP parts. */
export const httpRegistry: { readonly [S in HttpService]: HttpServiceDefinition<S> } = Object.freeze(
  // Object.fromEntries cannot pair each key with its own value's type; the keys are HTTP_SERVICES.
  Object.fromEntries(HTTP_SERVICES.map((service) => [service, httpDefinitions[service]])) as { readonly [S in HttpService]: HttpServiceDefinition<S> },
);
