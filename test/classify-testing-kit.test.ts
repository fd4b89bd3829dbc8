import { describe, expect, it } from 'vitest';
import { classifyResponse, httpAdapters } from '../src/classify.ts';
import type { CatalogEntry } from '../src/core/catalog-entry.ts';
import { HTTP_SERVICES, type HttpService } from '../src/core/service.ts';
import { catalog } from '../src/catalog/index.ts';
import { expectedReading } from './expected-category.ts';
import { badGatewayPage, CORAL_STATUS_FOR_DISPLAY_CODE, serviceError, serviceSuccess, truncatedResponse, unavailablePage } from '../src/testing/index.ts';

/** The entry the fake's answer stands for: Coral sends a display code as its API status. */
function expectedEntry(service: HttpService, entry: CatalogEntry): CatalogEntry | undefined {
  if (service !== 'coral' || !entry.code.startsWith('2815-')) return entry;
  const status = CORAL_STATUS_FOR_DISPLAY_CODE[entry.code] ?? 9599;
  return catalog('coral').find((candidate) => candidate.code === String(status));
}

const cases = HTTP_SERVICES.flatMap((service) => catalog(service).map((entry) => [service, entry.code, entry.name, entry] as const));

describe("the testing kit's fake answers read back as the codes they stand for", () => {
  it.each(cases)('%s %s %s', async (service, _code, name, entry) => {
    const expected = expectedEntry(service, entry);
    // A name picks one meaning of a code that has two (platform 406).
    const error = await classifyResponse(service, serviceError(service, service === 'platform' ? name : entry.code));
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
