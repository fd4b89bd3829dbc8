import type { HttpServiceDefinition } from '../definition.ts';
import { platformAdapter } from './adapter.ts';
import { platformIndex, lookupPlatform } from './catalog.ts';
import { platformPreset } from './preset.ts';

/** What the root entry point knows of platform. */
export const platformDefinition: HttpServiceDefinition<'platform'> = {
  adapter: platformAdapter,
  preset: platformPreset,
  lookup: lookupPlatform,
  entries: platformIndex.entries,
};
