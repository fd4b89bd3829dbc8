import { coralAdapter } from './adapter.ts';
import { coralPreset } from './preset.ts';
import { createServiceClient } from '../../client/core.ts';
import type { Client, ServiceClientOptions } from '../../client/types.ts';

/**
 * A retrying client for the Nintendo Switch Online app API (Coral) that carries only Coral's tables: what
 * `extralife/coral` offers in place of the root `createClient({ service: 'coral' })`.
 * Never throws: options it cannot use give a client whose every call answers invalid-request, naming the option.
 */
export function createCoralClient(options: ServiceClientOptions<'coral'> = {}): Client<'coral'> {
  return createServiceClient(coralAdapter, coralPreset, options);
}
