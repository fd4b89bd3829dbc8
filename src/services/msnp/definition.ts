import type { ServiceDefinition } from '../definition.ts';
import { msnpAdapter } from './adapter.ts';
import type { MsnpClassifyContext } from './context.ts';
import { msnpCatalog } from '../../catalog/generated/msnp.ts';
import { lookupMsnp } from './catalog.ts';
import { msnpPreset } from './preset.ts';

/** What the root entry point knows of msnp. */
export const msnpDefinition: ServiceDefinition<'msnp', MsnpClassifyContext> = {
  adapter: msnpAdapter,
  preset: msnpPreset,
  lookup: lookupMsnp,
  entries: msnpCatalog,
};
