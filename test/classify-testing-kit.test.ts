import { describe, expect, it } from 'vitest';
import { classifyResponse, httpAdapters } from '../src/classify.ts';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { HTTP_SERVICES, type HttpService } from '../src/core/service.ts';
import { catalog, lookup } from '../src/catalog/index.ts';
import { LOBBY_FOLDED_CODES } from '../src/services/lobby/adapter.ts';
import { expectedReading } from './expected-category.ts';
import { badGatewayPage, CORAL_STATUS_FOR_DISPLAY_CODE, serviceError, serviceSuccess, truncatedResponse, unavailablePage } from '../src/testing/index.ts';

/** The entry the fake's answer stands for: Coral sends a display code as its API status. */
function expectedEntry(service: HttpService, entry: CatalogEntry): CatalogEntry | undefined {
  // Lobby reports the common codes the SDK folds as the SDK's reasons (50 -> 16429 RateLimited).
  const folded = service === 'lobby' ? LOBBY_FOLDED_CODES[Number(entry.code)] : undefined;
  if (folded !== undefined) return catalog('lobby').find((candidate) => candidate.code === String(folded));
  if (service !== 'coral' || !entry.code.startsWith('2815-')) return entry;
  const status = CORAL_STATUS_FOR_DISPLAY_CODE[entry.code] ?? 9599;
  return catalog('coral').find((candidate) => candidate.code === String(status));
}

// Coral's 0 OK is a success row: the fake answers it as a success, not as an error to read back.
const cases = HTTP_SERVICES.flatMap((service) => catalog(service).filter((entry) => !(service === 'coral' && entry.success === true)).map((entry) => [service, entry.code, entry.name, entry] as const));

describe("the testing kit's fake answers read back as the codes they stand for", () => {
  it.each(cases)('%s %s %s', async (service, _code, name, entry) => {
    const expected = expectedEntry(service, entry);
    // A name picks one meaning of a shared code (platform 406); a name two codes carry (Punishment) is sent by code.
    const byName = service === 'platform' && lookup(service, name) === entry;
    const error = await classifyResponse(service, serviceError(service, byName ? name : entry.code));
    expect({ code: String(error.code), codeName: error.codeName, category: error.category }).toEqual({
      code: expected?.code,
      codeName: expected?.name,
      category: expected === undefined ? undefined : expectedReading(expected, error.status).category,
    });
  });

  it.each(HTTP_SERVICES)('%s: a success reads as a value', async (service) => {
    const response = serviceSuccess(service, { id: 'x-1', players: [] });
    const body = await response.text();
    const reading = httpAdapters[service].readSuccess({ status: response.status, headers: response.headers, body });
    expect(reading.kind).toBe('value');
    if (reading.kind === 'value') expect(reading.value).toMatchObject({ id: 'x-1' });
  });

  it.each(HTTP_SERVICES)('%s: proxy pages and cut-off bodies still classify', async (service) => {
    expect((await classifyResponse(service, badGatewayPage())).category).toBe('unavailable');
    expect(['unavailable', 'maintenance']).toContain((await classifyResponse(service, unavailablePage())).category);
    const cut = await classifyResponse(service, truncatedResponse('{"status": 9404, "code": 16001, "title": "Not', { status: 500 }, 20));
    expect(cut.service).toBe(service);
  });
});
