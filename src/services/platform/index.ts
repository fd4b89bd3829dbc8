import type { ClassifyContext } from '../../core/adapter.ts';
import type { GameServiceError } from '../../core/error.ts';
import { platformAdapter } from './adapter.ts';

export { platformCatalog, type PlatformCatalogEntry, type PlatformCode } from '../../catalog/generated/platform.ts';
export { lookupPlatform } from './catalog.ts';
export { platformAdapter };

/** Reads any raw Platform failure as a GameServiceError; never throws. */
export function classifyPlatform(raw: unknown, context?: ClassifyContext): GameServiceError<'platform'> {
  return platformAdapter.classify(raw, context);
}
export { createPlatformClient } from './client.ts';
