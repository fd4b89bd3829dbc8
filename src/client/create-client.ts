import { httpAdapters } from '../classify.ts';
import { isObject } from '../core/safe.ts';
import { HTTP_SERVICES, type HttpService } from '../core/service.ts';

function isHttpService(value: unknown): value is HttpService {
  return (HTTP_SERVICES as readonly unknown[]).includes(value);
}
import { httpPresets } from '../retry/presets.ts';
import { createServiceClient } from './core.ts';
import type { Client, ClientOptions } from './types.ts';

/**
 * A retrying HTTP client for one service, on ky. Every method returns a request whose body
 * methods give a ResultAsync: nothing rejects or throws for a failed call or bad per-call options.
 * Options that can only be a bug in the program (no `service`, an unknown one, auth without
 * getToken/refreshToken, a negative retry limit) throw a TypeError here, at creation.
 *
 * @example
 * const lobby = createClient({ service: 'lobby', prefix: 'https://lobby.services.api.unity.com/v1', auth });
 * const result = await lobby.post('lobbies/quickjoin', { json: {} }).json<Lobby>();
 * if (result.isErr() && result.error.code === '16006') { ... }
 */
export function createClient<S extends HttpService>(options: ClientOptions<S>): Client<S> {
  // Checked as unknown: JavaScript callers and casts reach here with anything.
  const given: unknown = options;
  if (!isObject(given)) {
    throw new TypeError(`extralife createClient: options must be an object with a service, got ${given === null ? 'null' : typeof given}.`);
  }
  const service: unknown = options.service;
  if (!isHttpService(service)) {
    throw new TypeError(`extralife createClient: service must be one of ${HTTP_SERVICES.join(', ')}, got ${typeof service === 'string' ? JSON.stringify(service) : typeof service}.`);
  }
  return createServiceClient(httpAdapters[options.service], httpPresets[options.service], options);
}
