import { lobbyCatalog, lobbyCodes, type LobbyCatalogEntry, type LobbyCodeEntry } from '../../catalog/generated/lobby.ts';
import { createCatalogIndex, wholeEntries } from '../../core/catalog-index.ts';
import { asWholeNumber } from '../../core/code-input.ts';

export const lobbyIndex = createCatalogIndex(lobbyCodes);

/** Lobby's own codes begin here; below are the codes common to every UGS service. */
const LOBBY_CODES_FROM = 16_000;

/**
 * Names the SDK's LobbyExceptionReason shares with UGS's common codes (Forbidden, ServiceUnavailable,
 * Unknown, Conflict, BadGateway): the SDK's reason wins, as it is what the SDK reports for them.
 */
const SDK_NAMES = new Map<string, LobbyCodeEntry>();
for (const entry of lobbyCodes) {
  if (Number(entry.code) < LOBBY_CODES_FROM) continue;
  for (const name of [entry.name, ...(entry.otherNames ?? [])]) if (!SDK_NAMES.has(name)) SDK_NAMES.set(name, entry);
}

/** The row for a Lobby code or name, as `lookupLobby` finds it: what adapters and fakes read. */
export function findLobby(code: string | number): LobbyCodeEntry | undefined {
  const number = asWholeNumber(code);
  if (number !== undefined) return lobbyIndex.byCode(String(number));
  if (typeof code !== 'string') return undefined;
  const name = code.trim();
  return lobbyIndex.byName(name) ?? SDK_NAMES.get(name);
}

const wholeLobby = /* @__PURE__ */ wholeEntries(lobbyCodes, lobbyCatalog);

/** The catalog entry for a Lobby code as a number or string, or for its name. */
export function lookupLobby(code: string | number): LobbyCatalogEntry | undefined {
  return wholeLobby(findLobby(code));
}
