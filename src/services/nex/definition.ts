import type { ServiceDefinition } from '../definition.ts';
import { nexAdapter, type NexClassifyContext } from './adapter.ts';
import { nexIndex, lookupNex } from './catalog.ts';
import { nexPreset } from './preset.ts';
import { readingRmcResponses } from './with-retry.ts';

/** What the root entry point knows of nex. */
export const nexDefinition: ServiceDefinition<'nex', NexClassifyContext> = {
  adapter: nexAdapter,
  preset: nexPreset,
  lookup: lookupNex,
  entries: nexIndex.entries,
  readingReturned: readingRmcResponses,
};
