import type { HttpServiceDefinition } from '../definition.ts';
import { coralAdapter } from './adapter.ts';
import { coralCatalog } from '../../catalog/generated/coral.ts';
import { lookupCoral } from './catalog.ts';
import { coralPreset } from './preset.ts';

/** What the root entry point knows of coral. */
export const coralDefinition: HttpServiceDefinition<'coral'> = {
  adapter: coralAdapter,
  preset: coralPreset,
  lookup: lookupCoral,
  entries: coralCatalog,
};
