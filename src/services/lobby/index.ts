export { lobbyCatalog, type LobbyCatalogEntry, type LobbyCode } from '../../catalog/generated/lobby.ts';
export { lookupLobby } from './catalog.ts';
