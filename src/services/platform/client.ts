import { platformAdapter } from './adapter.ts';
import { platformPreset } from './preset.ts';
import { createServiceClient } from '../../client/core.ts';
import type { Client, ServiceClientOptions } from '../../client/types.ts';

/**
 * A retrying client for the Kakao Games platform that carries only its's tables: what
 * `extralife/platform` offers in place of the root `createClient({ service: 'platform' })`.
 * Never throws: options it cannot use give a client whose every call answers invalid-request, naming the option.
 */
export function createPlatformClient(options: ServiceClientOptions<'platform'> = {}): Client<'platform'> {
  return createServiceClient(platformAdapter, platformPreset, options);
}
