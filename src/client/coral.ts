import { coralAdapter } from '../services/coral/adapter.ts';
import { coralPreset } from '../services/coral/preset.ts';
import { createServiceClient } from './core.ts';
import type { Client, ServiceClientOptions } from './types.ts';

/**
 * A retrying client for the Nintendo Switch Online app API (Coral) that carries only Coral's tables: what
 * `extralife/coral` offers in place of the root `createClient({ service: 'coral' })`.
 * Throws a TypeError for options that can only be a bug in the program.
 */
export function createCoralClient(options: ServiceClientOptions<'coral'> = {}): Client<'coral'> {
  return createServiceClient(coralAdapter, coralPreset, options);
}
