import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { GameServiceError, isGameServiceError } from '../src/core/error.ts';
import { companionAdapter } from '../src/services/companion/adapter.ts';
import { companionCatalog } from '../src/services/companion/index.ts';
import { coralAdapter } from '../src/services/coral/adapter.ts';
import { coralCatalog } from '../src/services/coral/index.ts';
import { lobbyAdapter } from '../src/services/lobby/adapter.ts';
import { lobbyCatalog } from '../src/services/lobby/index.ts';
import { platformAdapter } from '../src/services/platform/adapter.ts';
import { platformCatalog } from '../src/services/platform/index.ts';
import { lookupPlatform } from '../src/services/platform/catalog.ts';
import { lookupLobby } from '../src/services/lobby/catalog.ts';
import { LOBBY_FOLDED_CODES } from '../src/services/lobby/adapter.ts';
import { expectedReading } from './expected-category.ts';

/** The error carries the catalog's reading of the entry (a code of unknown meaning: its HTTP status's). */
function expectEntry(error: GameServiceError, entry: CatalogEntry): void {
  expect(isGameServiceError(error)).toBe(true);
  expect(error.service).toBe(entry.service);
  expect(String(error.code)).toBe(entry.code);
  expect(error.codeName).toBe(entry.name);
  const expected = expectedReading(entry, error.status);
  expect(error.category).toBe(expected.category);
  expect(error.retry).toBe(expected.retry);
  expect(error.retryable).toBe(expected.retry !== 'never');
  expect(error.description).toBe(entry.description);
}

const rows = <E extends CatalogEntry>(entries: readonly E[]): (readonly [string, string, E])[] => entries.map((entry) => [entry.code, entry.name, entry] as const);

describe('coral: every API status in every wire form', () => {
  const statuses = coralCatalog.filter((entry) => !entry.code.startsWith('2815-') && entry.success !== true);

  it.each(rows(statuses))('%s %s', (code, name, entry) => {
    const body = { status: Number(code), errorMessage: 'Something failed.', correlationId: 'c0ffee00-1111-2222-3333-444455556666' };
    const inHttp200 = coralAdapter.classify({ status: 200, headers: { 'content-type': 'application/json' }, body });
    expectEntry(inHttp200, entry);
    expect(inHttp200.status).toBe(200);
    expect(inHttp200.details).toMatchObject({ correlationId: body.correlationId, errorMessage: body.errorMessage });

    expectEntry(coralAdapter.classify({ status: 200, body: JSON.stringify(body) }), entry);
    expectEntry(coralAdapter.classify(body), entry);
    expectEntry(coralAdapter.classify({ status: 500, body }), entry);
    expectEntry(coralAdapter.classify(Number(code)), entry);
    expectEntry(coralAdapter.classify(code), entry);
    expectEntry(coralAdapter.classify(name), entry);

    const success = coralAdapter.readSuccess({ status: 200, body });
    expect(success.kind).toBe('failure');
    if (success.kind === 'failure') expectEntry(success.error, entry);
  });
});

describe('coral: every 2815 display code', () => {
  const displays = coralCatalog.filter((entry) => entry.code.startsWith('2815-'));

  it.each(rows(displays))('%s %s', (code, name, entry) => {
    expectEntry(coralAdapter.classify(code), entry);
    expectEntry(coralAdapter.classify(name), entry);
    expectEntry(coralAdapter.classify(Number(entry.resultCode)), entry);
    expectEntry(coralAdapter.classify(entry.resultCode), entry);
    const inBody = coralAdapter.classify({ status: 200, body: { errorCode: code, errorMessage: `Error ${code}.` } });
    expectEntry(inBody, entry);
    expect(inBody.details).toMatchObject({ displayCode: code });
  });
});

describe('companion: every code in JSON, nested JSON and plain text', () => {
  it.each(rows(companionCatalog))('%s %s', (code, name, entry) => {
    const status = code === '100000' || code === '319201' ? 503 : 400;
    expectEntry(companionAdapter.classify({ status, body: { code, message: 'An error has occurred.' } }), entry);
    expectEntry(companionAdapter.classify({ status, body: JSON.stringify({ code, message: 'An error has occurred.' }) }), entry);
    expectEntry(companionAdapter.classify({ status, body: { error: { errorCode: Number(code) }, requestId: 'a1b2c3d4' } }), entry);
    expectEntry(companionAdapter.classify({ status, headers: { 'content-type': 'text/plain' }, body: `An error has occurred. (${code})` }), entry);
    expectEntry(companionAdapter.classify({ code: Number(code) }), entry);
    expectEntry(companionAdapter.classify(Number(code)), entry);
    expectEntry(companionAdapter.classify(code), entry);
    expectEntry(companionAdapter.classify(name), entry);
    expect(companionAdapter.classify({ status, body: { code } }).status).toBe(status);
  });
});

describe('platform: every code as a KGResult and as an HTTP body', () => {
  it.each(rows(platformCatalog))('%s %s', (code, name, entry) => {
    const number = Number(code);
    const httpStatus = number >= 400 && number <= 599 ? number : 200;
    expectEntry(platformAdapter.classify({ code: number, desc: name, message: entry.description, content: { detail: 'x' } }), entry);
    expectEntry(platformAdapter.classify({ code, desc: name }), entry);
    expectEntry(platformAdapter.classify({ status: httpStatus, body: { code: number, desc: name } }), entry);
    expectEntry(platformAdapter.classify({ status: httpStatus, body: JSON.stringify({ code: number, desc: name }) }), entry);
    // A name two codes carry (Punishment: 461 in the SDKs, 464 on the v4 page) finds one of them.
    const named = lookupPlatform(name);
    expect([named?.name, ...(named?.otherNames ?? [])]).toContain(name);
    if (named === entry) expectEntry(platformAdapter.classify(name), entry);
    for (const constant of entry.otherNames ?? []) {
      expectEntry(platformAdapter.classify({ code: number, desc: constant }), entry);
      expect(lookupPlatform(constant)?.otherNames).toContain(constant);
    }
    const kgResult = platformAdapter.classify({ code: number, desc: name, message: 'm' });
    expect(kgResult.details).toMatchObject({ desc: name, message: 'm' });
    if (entry.success !== true) {
      const success = platformAdapter.readSuccess({ status: httpStatus, body: { code: number, desc: name } });
      expect(success.kind).toBe('failure');
      if (success.kind === 'failure') expectEntry(success.error, entry);
    }
  });

  /** The meaning a bare shared code reads as: the first entry at its code. */
  const firstAtCode = (entry: (typeof platformCatalog)[number]): boolean => platformCatalog.find((other) => other.code === entry.code) === entry;

  it.each(rows(platformCatalog.filter((entry) => Number(entry.code) >= 100 && Number(entry.code) < 600 && firstAtCode(entry))))(
    '%s %s as an HTTP status with no code in the body',
    (code, _name, entry) => {
      expectEntry(platformAdapter.classify({ status: Number(code), body: '' }), entry);
      expectEntry(platformAdapter.classify({ status: Number(code), body: { message: 'no code here' } }), entry);
      expectEntry(platformAdapter.classify(Number(code)), entry);
    },
  );
});

/**
 * The status UGS answers each Lobby code with (services.docs.unity.com errors table; seed 004);
 * the SDK's 16000 + status reasons with their own status; the SDK's client-side reasons with none
 * (sent here as 500).
 */
const LOBBY_STATUS: Readonly<Record<string, number>> = {
  '0': 500, '1': 500, '2': 504, '3': 503, '4': 404, '5': 500, '6': 502, '50': 429, '51': 401, '52': 401, '53': 403, '54': 404, '55': 400,
  '56': 403, '57': 403, '58': 409,
  '16000': 400, '16001': 404, '16002': 404, '16003': 409, '16004': 403, '16005': 403, '16006': 404, '16007': 409,
  '16008': 304, '16009': 403, '16010': 400,
  ...Object.fromEntries(lobbyCatalog.filter((entry) => Number(entry.code) >= 16_400 && Number(entry.code) <= 16_511).map((entry) => [entry.code, Number(entry.code) - 16_000])),
  '16601': 500, '16602': 500, '16603': 500, '16604': 500, '16998': 500, '16999': 500,
};

/** The entry an answer carrying this code reads as: the SDK's reason where the SDK folds the common code. */
function lobbyReading(entry: (typeof lobbyCatalog)[number]): (typeof lobbyCatalog)[number] {
  const folded = LOBBY_FOLDED_CODES[Number(entry.code)];
  return folded === undefined ? entry : (lookupLobby(folded) ?? entry);
}

describe('lobby: every code as problem+json with its status', () => {
  it('has a status for every catalogued code', () => {
    expect(Object.keys(LOBBY_STATUS).sort()).toEqual(lobbyCatalog.map((entry) => entry.code).sort());
  });

  it.each(rows(lobbyCatalog))('%s %s', (code, name, catalogued) => {
    const entry = lobbyReading(catalogued);
    const status = LOBBY_STATUS[code] ?? 500;
    const problem = {
      title: 'Problem',
      status,
      code: Number(code),
      detail: `${name} happened`,
      details: [{ errorType: 'lobby', message: `${name} detail` }],
      type: 'http://unity3d/lobby/errors/problem',
      requestId: '8a1e4b7c-0000-4000-8000-000000000001',
    };
    const headers = { 'content-type': 'application/problem+json', ...(status === 429 ? { 'retry-after': '3' } : {}) };
    const error = lobbyAdapter.classify({ status, headers, body: problem });
    expectEntry(error, entry);
    expect(error.status).toBe(status);
    expect(error.details).toMatchObject({ requestId: problem.requestId, title: 'Problem', detail: problem.detail, details: problem.details });
    if (status === 429) expect(error.retryAfterMs).toBe(3000);

    expectEntry(lobbyAdapter.classify({ status, headers, body: JSON.stringify(problem) }), entry);
    // The seed's own example is missing a comma between items: the code still comes through.
    const malformed = JSON.stringify(problem, null, 2).replace('"title"', '"title" "oops"');
    const salvaged = lobbyAdapter.classify({ status, headers, body: malformed });
    expectEntry(salvaged, entry);
    expect(salvaged.details).toMatchObject({ malformedBody: true, requestId: problem.requestId });

    const bare = lobbyAdapter.classify(problem);
    expectEntry(bare, entry);
    expect(bare.status).toBe(status);
    expectEntry(lobbyAdapter.classify(Number(code)), entry);
    expectEntry(lobbyAdapter.classify(code), entry);
    // By name a common code is itself; only an answer carrying it is folded. A name the SDK shares finds the SDK's reason.
    const named = lookupLobby(name);
    expect([named?.name, ...(named?.otherNames ?? [])]).toContain(name);
  });
});
