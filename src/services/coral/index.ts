import type { ClassifyContext } from '../../core/adapter.ts';
import type { GameServiceError } from '../../core/error.ts';
import { coralAdapter } from './adapter.ts';

export { coralCatalog, type CoralCatalogEntry, type CoralCode } from '../../catalog/generated/coral.ts';
export { lookupCoral } from './catalog.ts';
export { coralAdapter };

/** Reads any raw Coral failure as a GameServiceError; never throws. */
export function classifyCoral(raw: unknown, context?: ClassifyContext): GameServiceError<'coral'> {
  return coralAdapter.classify(raw, context);
}
export { createCoralClient } from './client.ts';
