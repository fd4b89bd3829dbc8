/**
 * The fakes answer each code as the service does: a name the catalog lacks is refused by name,
 * every catalogued code has the HTTP status the service sends with it (never a made-up default),
 * and what the fake sends reads back as the same code.
 */
import { describe, expect, it } from 'vitest';
import { catalog, classifyResponse } from '../src/index.ts';
import { HTTP_SERVICES } from '../src/core/service.ts';
import { LOBBY_FOLDED_CODES } from '../src/services/lobby/adapter.ts';
import { COMPANION_HTTP_STATUS, CORAL_STATUS_FOR_DISPLAY_CODE, LOBBY_HTTP_STATUS, serviceError, serviceSuccess } from '../src/testing/index.ts';

describe('serviceError with a name no catalog holds', () => {
  it.each(HTTP_SERVICES)('%s: throws a TypeError naming it', (service) => {
    expect(() => serviceError(service, 'NoSuchThingAnywhere')).toThrow(TypeError);
    expect(() => serviceError(service, 'NoSuchThingAnywhere')).toThrow(`serviceError('${service}', "NoSuchThingAnywhere"): no ${service} code is named "NoSuchThingAnywhere"`);
  });

  it('sends a code the catalog lacks as given, as a number or as digits', async () => {
    const answer = serviceError('lobby', 16999);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ code: 16999 });
    expect((await serviceError('companion', '999999').json()) as unknown).toMatchObject({ code: '999999' });
  });

  it('throws for a service with no fake', () => {
    expect(() => serviceError('xbox' as 'lobby', 1)).toThrow(/no fake for service "xbox"/);
    expect(() => serviceSuccess('xbox' as 'lobby', {})).toThrow(TypeError);
  });
});

/** The status each service sends with a catalogued code, from what the fake documents. */
const EXPECTED_STATUS = {
  coral: () => 200,
  companion: (code: string) => COMPANION_HTTP_STATUS[code],
  // A Kakao code that is an HTTP status is sent as it; the SDK-side codes ride an HTTP 200.
  platform: (code: string) => (Number(code) >= 400 && Number(code) <= 599 ? Number(code) : 200),
  lobby: (code: string) => LOBBY_HTTP_STATUS[Number(code)],
} as const;

describe('every catalogued code', () => {
  const rows = HTTP_SERVICES.flatMap((service) => catalog(service).filter((entry) => entry.success !== true).map((entry) => [service, entry.code, entry.name] as const));

  it.each(rows)('%s %s %s: the status the service sends, and it reads back as the same code', async (service, code) => {
    const expected = EXPECTED_STATUS[service](code);
    // No code falls back to a status nobody documented.
    expect(expected, `${service} ${code} has no status in the fake's table`).toBeDefined();
    const answer = serviceError(service, code);
    expect(answer.status).toBe(expected);
    const wire = (await answer.clone().json().catch(() => undefined)) as { status?: number } | undefined;
    const error = await classifyResponse(service, answer);
    // A Coral display code travels as an API status (the one it corresponds to by name, else
    // UNEXPECTED_ERROR), as the app receives it.
    if (service === 'coral' && code.startsWith('2815-')) {
      if (CORAL_STATUS_FOR_DISPLAY_CODE[code] !== undefined) expect(wire?.status).toBe(CORAL_STATUS_FOR_DISPLAY_CODE[code]);
      expect(error.code).toBe(String(wire?.status));
    } else if (service === 'lobby' && LOBBY_FOLDED_CODES[Number(code)] !== undefined) {
      // Lobby reports the common codes the SDK folds as the SDK's reasons (50 -> 16429), the body's code in details.
      expect(error.code).toBe(String(LOBBY_FOLDED_CODES[Number(code)]));
      expect(String(error.details?.commonCode)).toBe(code);
    } else expect(error.code).toBe(code);
    if (answer.status !== 200 && answer.status !== 304) expect(error.status).toBe(answer.status);
  });
});
