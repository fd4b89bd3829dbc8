import { companionAdapter } from './adapter.ts';
import { companionPreset } from './preset.ts';
import { createServiceClient } from '../../client/core.ts';
import type { Client, ServiceClientOptions } from '../../client/types.ts';

/**
 * A retrying client for the FINAL FANTASY XIV companion API that carries only its's tables: what
 * `extralife/companion` offers in place of the root `createClient({ service: 'companion' })`.
 * Never throws: options it cannot use give a client whose every call answers invalid-request, naming the option.
 */
export function createCompanionClient(options: ServiceClientOptions<'companion'> = {}): Client<'companion'> {
  return createServiceClient(companionAdapter, companionPreset, options);
}
