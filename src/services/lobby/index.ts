import type { ClassifyContext } from '../../core/adapter.ts';
import type { GameServiceError } from '../../core/error.ts';
import { lobbyAdapter } from './adapter.ts';

export { lobbyCatalog, type LobbyCatalogEntry, type LobbyCode } from '../../catalog/generated/lobby.ts';
export { lookupLobby } from './catalog.ts';
export { lobbyAdapter };

/** Reads any raw Lobby failure as a GameServiceError; never throws. */
export function classifyLobby(raw: unknown, context?: ClassifyContext): GameServiceError<'lobby'> {
  return lobbyAdapter.classify(raw, context);
}
export { createLobbyClient } from './client.ts';
