import type { HttpAdapter } from '../../core/adapter.ts';
import type { CodeEntry } from '../../core/catalog-entry.ts';
import type { HttpAnswer } from '../../core/http/answer.ts';
import { isJsonObject } from '../../core/http/body.ts';
import { pickTextFields, wholeNumberField } from '../../core/http/fields.ts';
import { createHttpAdapter, type CodeReading } from '../../core/http/http-adapter.ts';
import { salvageFields } from '../../core/http/salvage.ts';
import { safeGet } from '../../core/safe.ts';
import { findPlatform, platformCodeNumber, platformIndex } from './catalog.ts';
import { platformFallback } from './ranges.ts';

/** KGResult's success code. */
const SUCCESS = 200;

/** Every catalogued code with its entries: 406, 461, 462 and 463 have more than one meaning. */
const BY_CODE = new Map<string, CodeEntry[]>();
for (const entry of platformIndex.entries) BY_CODE.set(entry.code, [...(BY_CODE.get(entry.code) ?? []), entry]);

/** 'ALREADY_USED_IDP_ACCOUNT', 'AlreadyUsedIdpAccount' and 'already used idp account' fold alike. */
const fold = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function namesOf(entry: CodeEntry): string[] {
  return [entry.name, ...(entry.otherNames ?? [])].map(fold);
}

/**
 * For a shared code, the entry the result's own words name: a desc or message that is one of its
 * names (the SDK's desc falls back to the constant's name), else one that contains a name, else
 * the code's first entry.
 */
function pickEntry(entries: readonly CodeEntry[], texts: readonly string[]): CodeEntry | undefined {
  if (entries.length < 2) return entries[0];
  const folded = texts.map(fold).filter((text) => text !== '');
  return (
    entries.find((entry) => namesOf(entry).some((name) => folded.includes(name))) ??
    entries.find((entry) => namesOf(entry).some((name) => folded.some((text) => text.includes(name)))) ??
    entries[0]
  );
}

function readCode(code: number, httpStatus: number | undefined, details?: Record<string, unknown>): CodeReading {
  const entries = BY_CODE.get(String(code));
  if (entries !== undefined) {
    const texts = [details?.desc, details?.message].filter((text): text is string => typeof text === 'string');
    const entry = pickEntry(entries, texts);
    const names = entries.length > 1 ? { names: entries.map((candidate) => candidate.name) } : undefined;
    return { code: String(code), entry, details: names === undefined ? details : { ...details, ...names } };
  }
  return { code: String(code), fallback: platformFallback(code, httpStatus), details };
}

/** What a KGResult carries besides its code: desc, message, and the server's own serverErrorCode. */
interface KgFields {
  readonly code: number | undefined;
  readonly details: Record<string, unknown> | undefined;
}

function withServerCode(details: Record<string, string> | undefined, serverErrorCode: number | undefined): Record<string, unknown> | undefined {
  return serverErrorCode === undefined ? details : { ...details, serverErrorCode };
}

function fromJson(body: Readonly<Record<string, unknown>>): KgFields {
  return {
    code: wholeNumberField(safeGet(body, 'code')),
    details: withServerCode(pickTextFields(body, ['desc', 'message']), wholeNumberField(safeGet(body, 'serverErrorCode'))),
  };
}

/** A KGResult body that does not parse (cut off, a comma missing): its top-level fields, salvaged. */
function fromText(text: string): KgFields | undefined {
  const top = new Map<string, string | number | boolean | null>();
  for (const field of salvageFields(text)) if (field.depth === 1 && !top.has(field.key)) top.set(field.key, field.value);
  const code = wholeNumberField(top.get('code'));
  if (code === undefined) return undefined;
  const texts: Record<string, string> = {};
  for (const key of ['desc', 'message']) {
    const value = top.get(key);
    if (typeof value === 'string') texts[key] = value;
  }
  const details = withServerCode(Object.keys(texts).length > 0 ? texts : undefined, wholeNumberField(top.get('serverErrorCode')));
  return { code, details: { ...details, malformedBody: true } };
}

function readFields(answer: HttpAnswer): KgFields | undefined {
  const { body } = answer;
  if (isJsonObject(body.json)) return fromJson(body.json);
  if (body.malformed === true && body.text !== undefined) return fromText(body.text);
  return undefined;
}

/**
 * Reads a KGResult `{ code, desc?, message?, content?, serverErrorCode? }` or an HTTP answer whose
 * body carries `code` (salvaged when the body does not parse); without one, the HTTP status is the
 * code, as the SDK reports it. A code the platform defines in 100-599 is that code, not an HTTP status.
 */
function readAnswer(answer: HttpAnswer): CodeReading | undefined {
  const fields = readFields(answer);
  if (fields?.code !== undefined) return readCode(fields.code, answer.status, fields.details);
  return answer.status === undefined ? undefined : readCode(answer.status, answer.status, fields?.details);
}

function readValue(raw: string | number): CodeReading | undefined {
  const entry = findPlatform(raw);
  if (entry !== undefined) {
    const entries = BY_CODE.get(entry.code) ?? [];
    return { code: entry.code, entry, details: entries.length > 1 ? { names: entries.map((candidate) => candidate.name) } : undefined };
  }
  const code = platformCodeNumber(raw);
  return code === undefined ? undefined : readCode(code, undefined);
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
