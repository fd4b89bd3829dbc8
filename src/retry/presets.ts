import type { HttpPreset } from '../client/preset.ts';
import type { HttpService, Service } from '../core/service.ts';
import { companionPreset } from '../services/companion/preset.ts';
import { coralPreset } from '../services/coral/preset.ts';
import { lobbyPreset } from '../services/lobby/preset.ts';
import { msnpPreset } from '../services/msnp/preset.ts';
import { nexPreset } from '../services/nex/preset.ts';
import { platformPreset } from '../services/platform/preset.ts';
import type { RetryPreset } from './preset.ts';

/** Every service's retry defaults, for the root entry point (a service's own entry imports only its own). */
export const presets: { readonly [S in Service]: RetryPreset<S> } = Object.freeze({
  nex: nexPreset,
  coral: coralPreset,
  msnp: msnpPreset,
  companion: companionPreset,
  platform: platformPreset,
  lobby: lobbyPreset,
});

export const httpPresets: { readonly [S in HttpService]: HttpPreset<S> } = Object.freeze({
  coral: coralPreset,
  companion: companionPreset,
  platform: platformPreset,
  lobby: lobbyPreset,
});
