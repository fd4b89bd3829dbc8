import type { CompanionCode } from '../catalog/generated/companion.ts';
import type { CoralCode } from '../catalog/generated/coral.ts';
import type { LobbyCode } from '../catalog/generated/lobby.ts';
import type { MsnpCode } from '../catalog/generated/msnp.ts';
import type { NexCode } from '../catalog/generated/nex.ts';
import type { PlatformCode } from '../catalog/generated/platform.ts';
import type { Service } from './service.ts';

/** The catalogued codes of each service, as literal types generated from the catalog. */
export interface KnownCodes {
  nex: NexCode;
  coral: CoralCode;
  msnp: MsnpCode;
  companion: CompanionCode;
  platform: PlatformCode;
  lobby: LobbyCode;
}

/**
 * Codes for failures where no service code could be read: the request never got an answer,
 * ran out of time, was cancelled, or the answer was unreadable.
 */
export const TRANSPORT_CODES = ['NETWORK', 'TIMEOUT', 'CANCELLED', 'UNKNOWN'] as const;
export type TransportCode = (typeof TRANSPORT_CODES)[number];

declare const uncatalogued: unique symbol;

/**
 * A code the service sent that the catalog does not hold. It is kept as received, but typed
 * apart so that comparing `err.code` with a literal the catalog lacks is a compile error.
 * Compare `String(err.code)` to test for one.
 */
export type UncataloguedCode<S extends Service, Shape extends string = string> = Shape & { readonly [uncatalogued]: S };

interface CodeShapes {
  nex: `${number}-${number}` | `0x${string}`;
  coral: `${number}` | `${number}-${number}`;
  msnp: `${number}` | `0x${string}` | `OUT ${string}`;
  companion: `${number}`;
  platform: `${number}`;
  lobby: `${number}`;
}

/** Every code an error of service S can carry. */
export type CodeOf<S extends Service> = KnownCodes[S] | TransportCode | UncataloguedCode<S, CodeShapes[S]>;

/** Types a code string read from a raw answer; adapters are the only callers. */
export function asCode<S extends Service>(_service: S, code: string): CodeOf<S> {
  return code as CodeOf<S>;
}
