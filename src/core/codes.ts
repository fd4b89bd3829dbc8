import type { CodeShapes, KnownCodes } from '../catalog/generated/services.ts';
import type { Service } from './service.ts';

export type { KnownCodes };

/**
 * Codes for failures where no service code could be read: the request never got an answer,
 * ran out of time, was cancelled, the answer was unreadable, or its success body was larger than
 * the client reads (`maxBodyBytes`).
 */
export const TRANSPORT_CODES = ['NETWORK', 'TIMEOUT', 'CANCELLED', 'UNKNOWN', 'BODY_TOO_LARGE'] as const;
export type TransportCode = (typeof TRANSPORT_CODES)[number];

declare const uncatalogued: unique symbol;

/**
 * A code the service sent that the catalog does not hold. It is kept as received, but typed
 * apart so that comparing `err.code` with a literal the catalog lacks is a compile error.
 * Compare `String(err.code)` to test for one.
 */
export type UncataloguedCode<S extends Service, Shape extends string = string> = Shape & { readonly [uncatalogued]: S };

/** Every code an error of service S can carry. */
export type CodeOf<S extends Service> = KnownCodes[S] | TransportCode | UncataloguedCode<S, CodeShapes[S]>;

/** Types a code string read from a raw answer; adapters are the only callers. */
export function asCode<S extends Service>(_service: S, code: string): CodeOf<S> {
  return code as CodeOf<S>;
}
