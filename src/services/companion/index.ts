import type { ClassifyContext } from '../../core/adapter.ts';
import type { GameServiceError } from '../../core/error.ts';
import { companionAdapter } from './adapter.ts';

export { companionCatalog, type CompanionCatalogEntry, type CompanionCode } from '../../catalog/generated/companion.ts';
export { lookupCompanion } from './catalog.ts';
export { companionAdapter };

/** Reads any raw Companion failure as a GameServiceError; never throws. */
export function classifyCompanion(raw: unknown, context?: ClassifyContext): GameServiceError<'companion'> {
  return companionAdapter.classify(raw, context);
}
export { createCompanionClient } from './client.ts';
