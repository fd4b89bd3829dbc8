import type { Category, RetryAdvice } from '../../core/category.ts';
import type { MsnpCodeEntry } from '../../catalog/generated/msnp.ts';

/**
 * Categories from the most cautious to the least: first those where the user has to act
 * (never retried), then those retried after a wait, after a refresh, and with backoff. When
 * the MSNP codes that share one HRESULT disagree, the error takes the first of theirs here,
 * so that an HRESULT never leads to more retrying than any code it may stand for.
 */
export const CAUTION_ORDER = [
  'account-restricted',
  'unauthenticated',
  'forbidden',
  'outdated-client',
  'unsupported',
  'invalid-request',
  'not-found',
  'conflict',
  'capacity',
  'cancelled',
  'unknown',
  'maintenance',
  'rate-limited',
  'token-expired',
  'server-error',
  'unavailable',
  'timeout',
  'network',
] as const satisfies readonly Category[];

const RETRY_ORDER: readonly RetryAdvice[] = ['never', 'wait', 'refresh', 'backoff'];

function first<T>(order: readonly T[], values: readonly T[]): T | undefined {
  return order.find((item) => values.includes(item));
}

/** The category and advice an HRESULT gets from the MSNP codes that share it. */
export function mostCautious(entries: readonly MsnpCodeEntry[]): { readonly category: Category; readonly retry: RetryAdvice; readonly agreed: boolean } {
  const categories = [...new Set(entries.map((entry) => entry.category))];
  const category = first<Category>(CAUTION_ORDER, categories) ?? 'unknown';
  const retry = first(RETRY_ORDER, entries.map((entry) => entry.retry)) ?? 'never';
  return { category, retry, agreed: categories.length === 1 };
}

/** The MSGR_ name the codes share (the official client's name for the HRESULT), if they share one. */
export function sharedMsgrName(entries: readonly MsnpCodeEntry[]): string | undefined {
  const namesOf = (entry: MsnpCodeEntry): string[] => [entry.name, ...(entry.otherNames ?? [])].filter((name) => name.startsWith('MSGR_'));
  const [head, ...rest] = entries;
  if (head === undefined) return undefined;
  return namesOf(head).find((name) => rest.every((entry) => namesOf(entry).includes(name)));
}

