import { describe, expect, it } from 'vitest';
import { catalog, lookup } from '../src/catalog/index.ts';
import { classify, classifyResponse } from '../src/classify.ts';
import type { HttpService } from '../src/core/service.ts';
import { LOBBY_FOLDED_CODES } from '../src/services/lobby/adapter.ts';
import { CORAL_STATUS_FOR_DISPLAY_CODE, msnpErrorLine, msnpOut, passportFault, rmcErrorFrame, serviceError } from '../src/testing/index.ts';

/** The code an adapter should read back from each fake: the catalog code, or the API status a 2815 code is sent as. */
function expectedCode(service: HttpService, code: string): string {
  if (service === 'coral' && code.startsWith('2815-')) return String(CORAL_STATUS_FOR_DISPLAY_CODE[code] ?? 9599);
  // Lobby reports the common codes the SDK folds as the SDK's reasons (50 -> 16429).
  if (service === 'lobby') return String(LOBBY_FOLDED_CODES[Number(code)] ?? code);
  return code;
}

const HTTP: readonly HttpService[] = ['coral', 'companion', 'platform', 'lobby'];
// 304 carries no body, so LobbyNotModified cannot be read back from the answer itself.
const rows = HTTP.flatMap((service) => catalog(service).filter((entry) => !(service === 'lobby' && entry.code === '16008') && entry.success !== true).map((entry) => [service, entry.code, entry.name] as const));

describe('the fakes read back through the adapters', () => {
  it.each(rows)('%s %s %s', async (service, code, name) => {
    // Platform by name picks a shared code's meaning; a name two codes carry (Punishment) is sent by code.
    const byName = service === 'platform' && lookup(service, name)?.code === code;
    const error = await classifyResponse(service, serviceError(service, byName ? name : code));
    expect(String(error.code)).toBe(expectedCode(service, code));
  });

  it('reads Retry-After from a fake', async () => {
    const error = await classifyResponse('lobby', serviceError('lobby', 50, { retryAfter: 30 }));
    expect(error.category).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('reads an RMC error frame and MSNP texts', () => {
    expect(String(classify('nex', rmcErrorFrame({ protocolId: 10, callId: 1, resultCode: 0x80680006 })).code)).toBe('2306-0806');
    expect(String(classify('msnp', msnpErrorLine(911, 20)).code)).toBe('911');
    expect(String(classify('msnp', msnpOut('SSD')).code)).toBe('OUT SSD');
    expect(String(classify('msnp', passportFault(0x80048821)).code)).toBe('0x80048821');
  });
});
