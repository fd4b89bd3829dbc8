import { lobbyCatalog, type LobbyCatalogEntry } from '../../catalog/generated/lobby.ts';
import { createCatalogIndex } from '../../core/catalog-index.ts';
import { asWholeNumber } from '../../core/code-input.ts';

export const lobbyIndex = createCatalogIndex(lobbyCatalog);

/** The catalog entry for a Lobby code as a number or string, or for its name. */
export function lookupLobby(code: string | number): LobbyCatalogEntry | undefined {
  const number = asWholeNumber(code);
  if (number !== undefined) return lobbyIndex.byCode(String(number));
  return typeof code === 'string' ? lobbyIndex.byName(code.trim()) : undefined;
}
