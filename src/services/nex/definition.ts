import type { ServiceDefinition } from '../definition.ts';
import { nexAdapter, type NexClassifyContext } from './adapter.ts';
import { nexCatalog } from '../../catalog/generated/nex.ts';
import { lookupNex } from './catalog.ts';
import { nexPreset } from './preset.ts';
import { readingRmcResponses } from './with-retry.ts';

/** What the root entry point knows of nex. */
export const nexDefinition: ServiceDefinition<'nex', NexClassifyContext> = {
  adapter: nexAdapter,
  preset: nexPreset,
  lookup: lookupNex,
  entries: nexCatalog,
  readingReturned: readingRmcResponses,
};
