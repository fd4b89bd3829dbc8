import { platformAdapter } from './adapter.ts';
import { platformPreset } from './preset.ts';
import { createServiceClient } from '../../client/core.ts';
import type { Client, ServiceClientOptions } from '../../client/types.ts';

/**
 * A retrying client for the Kakao Games platform that carries only its's tables: what
 * `extralife/platform` offers in place of the root `createClient({ service: 'platform' })`.
 * Throws a TypeError for options that can only be a bug in the program.
 */
export function createPlatformClient(options: ServiceClientOptions<'platform'> = {}): Client<'platform'> {
  return createServiceClient(platformAdapter, platformPreset, options);
}
