import type { HttpAdapter } from '../../core/adapter.ts';
import type { CatalogEntry } from '../../core/catalog-entry.ts';
import type { HttpAnswer } from '../../core/http/answer.ts';
import { isJsonObject } from '../../core/http/body.ts';
import { pickTextFields, wholeNumberField } from '../../core/http/fields.ts';
import { createHttpAdapter, type CodeReading } from '../../core/http/http-adapter.ts';
import { safeGet } from '../../core/safe.ts';
import { lookupPlatform, platformIndex } from './catalog.ts';
import { platformFallback } from './ranges.ts';

/** KGResult's success code. */
const SUCCESS = 200;

/** Every catalogued code with its entries: the SDK gives 406 two names (NotExistData, AlreadyUsedIdpAccount). */
const BY_CODE = new Map<string, CatalogEntry[]>();
for (const entry of platformIndex.entries) BY_CODE.set(entry.code, [...(BY_CODE.get(entry.code) ?? []), entry]);

/** For a shared code, the entry whose name the result's own text mentions, else the first. */
function pickEntry(entries: readonly CatalogEntry[], texts: readonly string[]): CatalogEntry | undefined {
  if (entries.length < 2) return entries[0];
  const lowered = texts.map((text) => text.toLowerCase());
  return entries.find((entry) => lowered.some((text) => text.includes(entry.name.toLowerCase()))) ?? entries[0];
}

function readCode(code: number, httpStatus: number | undefined, details?: Record<string, string>): CodeReading {
  const entries = BY_CODE.get(String(code));
  if (entries !== undefined) {
    const entry = pickEntry(entries, [details?.desc ?? '', details?.message ?? '']);
    const names = entries.length > 1 ? { names: entries.map((candidate) => candidate.name) } : undefined;
    return { code: String(code), entry, details: names === undefined ? details : { ...details, ...names } };
  }
  return { code: String(code), fallback: platformFallback(code, httpStatus), details };
}

/**
 * Reads a KGResult `{ code, desc?, message?, content? }` or an HTTP answer whose body carries
 * `code`; without one, the HTTP status is the code, as the SDK reports it.
 */
function readAnswer(answer: HttpAnswer): CodeReading | undefined {
  const body = isJsonObject(answer.body.json) ? answer.body.json : undefined;
  const code = wholeNumberField(safeGet(body, 'code'));
  const details = pickTextFields(body, ['desc', 'message']);
  if (code !== undefined) return readCode(code, answer.status, details);
  return answer.status === undefined ? undefined : readCode(answer.status, answer.status, details);
}

function readValue(raw: string | number): CodeReading | undefined {
  const entry = lookupPlatform(raw);
  if (entry !== undefined) {
    const entries = BY_CODE.get(entry.code) ?? [];
    return { code: entry.code, entry, details: entries.length > 1 ? { names: entries.map((candidate) => candidate.name) } : undefined };
  }
  const code = wholeNumberField(raw);
  return code === undefined || code < 0 ? undefined : readCode(code, undefined);
}

/** Reads the Kakao Games platform: KGResult objects, HTTP bodies with `code`, thrown values. */
export const platformAdapter: HttpAdapter<'platform'> = createHttpAdapter({
  service: 'platform',
  readAnswer,
  readValue,
  readSuccess(answer) {
    const body = answer.body.json;
    const code = isJsonObject(body) ? wholeNumberField(safeGet(body, 'code')) : undefined;
    if (code !== undefined && code !== SUCCESS) return { kind: 'failure' };
    return { kind: 'value', value: body ?? answer.body.text };
  },
});
