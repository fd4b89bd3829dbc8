import type { HttpServiceDefinition } from '../definition.ts';
import { lobbyAdapter } from './adapter.ts';
import { lobbyCatalog } from '../../catalog/generated/lobby.ts';
import { lookupLobby } from './catalog.ts';
import { lobbyPreset } from './preset.ts';

/** What the root entry point knows of lobby. */
export const lobbyDefinition: HttpServiceDefinition<'lobby'> = {
  adapter: lobbyAdapter,
  preset: lobbyPreset,
  lookup: lookupLobby,
  entries: lobbyCatalog,
};
