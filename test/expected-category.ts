import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { RETRY_BY_CATEGORY, type Category, type RetryAdvice } from '../src/core/category.ts';
import { describeStatus } from '../src/core/http/status.ts';

/**
 * The reading an error of a catalogued code should carry, sent with `status`: the catalog's,
 * except that a code whose meaning is unknown takes what a failure status says.
 */
export function expectedReading(entry: CatalogEntry, status: number | undefined): { readonly category: Category; readonly retry: RetryAdvice } {
  if (entry.category !== 'unknown' || status === undefined || status < 400) return { category: entry.category, retry: entry.retry };
  const category = describeStatus(status).category;
  return { category, retry: RETRY_BY_CATEGORY[category] };
}
