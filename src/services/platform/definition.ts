import type { HttpServiceDefinition } from '../definition.ts';
import { platformAdapter } from './adapter.ts';
import { platformCatalog } from '../../catalog/generated/platform.ts';
import { lookupPlatform } from './catalog.ts';
import { platformPreset } from './preset.ts';

/** What the root entry point knows of platform. */
export const platformDefinition: HttpServiceDefinition<'platform'> = {
  adapter: platformAdapter,
  preset: platformPreset,
  lookup: lookupPlatform,
  entries: platformCatalog,
};
