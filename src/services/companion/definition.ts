import type { HttpServiceDefinition } from '../definition.ts';
import { companionAdapter } from './adapter.ts';
import { companionCatalog } from '../../catalog/generated/companion.ts';
import { lookupCompanion } from './catalog.ts';
import { companionPreset } from './preset.ts';

/** What the root entry point knows of companion. */
export const companionDefinition: HttpServiceDefinition<'companion'> = {
  adapter: companionAdapter,
  preset: companionPreset,
  lookup: lookupCompanion,
  entries: companionCatalog,
};
