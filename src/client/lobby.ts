import { lobbyAdapter } from '../services/lobby/adapter.ts';
import { lobbyPreset } from '../services/lobby/preset.ts';
import { createServiceClient } from './core.ts';
import type { Client, ServiceClientOptions } from './types.ts';

/**
 * A retrying client for Unity Lobby that carries only Lobby's tables: what
 * `extralife/lobby` offers in place of the root `createClient({ service: 'lobby' })`.
 * Throws a TypeError for options that can only be a bug in the program.
 */
export function createLobbyClient(options: ServiceClientOptions<'lobby'> = {}): Client<'lobby'> {
  return createServiceClient(lobbyAdapter, lobbyPreset, options);
}
