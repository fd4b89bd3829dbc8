import { companionAdapter } from './adapter.ts';
import { companionPreset } from './preset.ts';
import { createServiceClient } from '../../client/core.ts';
import type { Client, ServiceClientOptions } from '../../client/types.ts';

/**
 * A retrying client for the FINAL FANTASY XIV companion API that carries only its's tables: what
 * `extralife/companion` offers in place of the root `createClient({ service: 'companion' })`.
 * Throws a TypeError for options that can only be a bug in the program.
 */
export function createCompanionClient(options: ServiceClientOptions<'companion'> = {}): Client<'companion'> {
  return createServiceClient(companionAdapter, companionPreset, options);
}
