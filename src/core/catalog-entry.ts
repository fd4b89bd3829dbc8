import type { Category, RetryAdvice } from './category.ts';
import type { Service } from './service.ts';

/** One code of one service, as the catalog knows it. */
export interface CatalogEntry {
  /** The service the code belongs to. */
  readonly service: Service;
  /** The code in the service's own notation: '2306-0806', '9404', '911', '0x80048821', '16004'. */
  readonly code: string;
  /** The name exactly as the source gives it: 'Authentication::TokenExpired', 'LobbyFull'. */
  readonly name: string;
  /** What the code means, for a developer and for a player. */
  readonly description: string;
  /** What kind of failure the code reports. */
  readonly category: Category;
  /** What to do about it: usually its category's advice; where the code says more, its own, with the reason. */
  readonly retry: RetryAdvice;
  /** Other names the same code goes by (MSNP: the MSGR_ HRESULT name beside the ERR_ name). */
  readonly otherNames?: readonly string[];
  /** NEX: the raw uint32 result code as hex, '0x80680006'. */
  readonly resultCode?: string;
  /**
   * NEX: the display code a Wii U shows, where it is not the Switch code's digits under 106-: the
   * Wii U numbers FPD results one higher (FPD::NotInitialized is 2306-0701 and 106-0702).
   */
  readonly wiiUCode?: string;
  /** MSNP: the HRESULT the official client translates this code to, as hex. */
  readonly hresult?: string;
  /** Present and true on rows the source lists that report success, not failure. */
  readonly success?: true;
  /** Why this category and advice, where that is a judgement rather than a fact. */
  readonly reason?: string;
  /** Where the sources disagree or are thin, and how that was settled. */
  readonly note?: string;
  /** The document the code comes from. */
  readonly source: string;
}

/** Where an entry comes from and why it is sorted so: what only the catalog's readers show. */
export type EntryFacts = Pick<CatalogEntry, 'reason' | 'note' | 'source'>;

/**
 * A catalog entry as adapters read it, without its reason, note and source: what classifying
 * needs, kept apart so a bundle that only classifies carries no more.
 */
export type CodeEntry = Omit<CatalogEntry, keyof EntryFacts>;

/**
 * The whole entries: each row with its facts (`facts[i]` belongs to `rows[i]`). The generated
 * catalogs call it marked pure, so a bundle that never reads a whole entry drops it.
 */
export function withFacts<R extends CodeEntry>(rows: readonly R[], facts: readonly EntryFacts[]): readonly (R & EntryFacts)[] {
  if (rows.length !== facts.length) throw new Error(`catalog: ${rows.length} rows but ${facts.length} facts`);
  const whole = rows.map((row, index): R & EntryFacts => ({ ...row, ...(facts[index] as EntryFacts) }));
  for (const entry of whole) Object.freeze(entry);
  return Object.freeze(whole);
}
