import { lobbyAdapter } from './adapter.ts';
import { lobbyPreset } from './preset.ts';
import { createServiceClient } from '../../client/core.ts';
import type { Client, ServiceClientOptions } from '../../client/types.ts';

/**
 * A retrying client for Unity Lobby that carries only Lobby's tables: what
 * `extralife/lobby` offers in place of the root `createClient({ service: 'lobby' })`.
 * Never throws: options it cannot use give a client whose every call answers invalid-request, naming the option.
 */
export function createLobbyClient(options: ServiceClientOptions<'lobby'> = {}): Client<'lobby'> {
  return createServiceClient(lobbyAdapter, lobbyPreset, options);
}
