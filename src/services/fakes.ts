import type { ServiceErrorOptions, ServiceSuccessOptions } from '../testing/wire/options.ts';
import type { CodeEntry } from '../core/catalog-entry.ts';
import type { HttpService } from '../core/service.ts';
import { findCompanion } from './companion/catalog.ts';
import { findCoral } from './coral/catalog.ts';
import { findLobby } from './lobby/catalog.ts';
import { findPlatform } from './platform/catalog.ts';
import { companionError, companionSuccess } from './companion/fake.ts';
import { coralError, coralSuccess } from './coral/fake.ts';
import { lobbyError, lobbySuccess } from './lobby/fake.ts';
import { platformError, platformSuccess } from './platform/fake.ts';

/** How the testing kit answers like one HTTP service. */
export interface ServiceFake {
  /** The error answer the service sends for a code or name. */
  readonly error: (code: string | number, options?: ServiceErrorOptions) => Response;
  /** The success answer the service sends around a payload. */
  readonly success: (payload: unknown, options?: ServiceSuccessOptions) => Response;
  /** The catalog entry for a code or name, as the service's lookup finds it. */
  readonly lookup: (code: string | number) => CodeEntry | undefined;
}

/**
 * Every HTTP service's fake, by name: the list `extralife/testing` reads, apart from the
 * registry so that no production entry point carries a fake.
 */
export const fakes: { readonly [S in HttpService]: ServiceFake } = Object.freeze({
  coral: { error: coralError, success: coralSuccess, lookup: findCoral },
  companion: { error: companionError, success: companionSuccess, lookup: findCompanion },
  platform: { error: platformError, success: platformSuccess, lookup: findPlatform },
  lobby: { error: lobbyError, success: lobbySuccess, lookup: findLobby },
});
