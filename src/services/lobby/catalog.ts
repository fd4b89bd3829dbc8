import { lobbyCatalog, type LobbyCatalogEntry } from '../../catalog/generated/lobby.ts';
import { createCatalogIndex } from '../../core/catalog-index.ts';
import { asWholeNumber } from '../../core/code-input.ts';

export const lobbyIndex = createCatalogIndex(lobbyCatalog);

/** Lobby's own codes begin here; below are the codes common to every UGS service. */
const LOBBY_CODES_FROM = 16_000;

/**
 * Names the SDK's LobbyExceptionReason shares with UGS's common codes (Forbidden, ServiceUnavailable,
 * Unknown, Conflict, BadGateway): the SDK's reason wins, as it is what the SDK reports for them.
 */
const SDK_NAMES = new Map<string, LobbyCatalogEntry>();
for (const entry of lobbyCatalog) {
  if (Number(entry.code) < LOBBY_CODES_FROM) continue;
  for (const name of [entry.name, ...(entry.otherNames ?? [])]) if (!SDK_NAMES.has(name)) SDK_NAMES.set(name, entry);
}

/** The catalog entry for a Lobby code as a number or string, or for its name. */
export function lookupLobby(code: string | number): LobbyCatalogEntry | undefined {
  const number = asWholeNumber(code);
  if (number !== undefined) return lobbyIndex.byCode(String(number));
  if (typeof code !== 'string') return undefined;
  const name = code.trim();
  return lobbyIndex.byName(name) ?? SDK_NAMES.get(name);
}
