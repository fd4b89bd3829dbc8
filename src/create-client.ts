import { isObject, safeGet } from './core/safe.ts';
import { HTTP_SERVICES, type HttpService } from './core/service.ts';
import { buildServiceClient } from './client/core.ts';
import { refusedClient } from './client/refused.ts';
import type { Client, ClientOptions } from './client/types.ts';
import { ClientOptionsError } from './client/validate.ts';
import { misuseError } from './retry/errors.ts';
import { httpRegistry } from './services/registry.ts';

function isHttpService(value: unknown): value is HttpService {
  return (HTTP_SERVICES as readonly unknown[]).includes(value);
}

/**
 * A retrying HTTP client for one service, on ky. Every method returns a request whose body
 * methods give a ResultAsync: nothing rejects or throws, for a failed call, bad per-call options
 * or bad client options. Options that can only be a bug in the program (no `service`, an unknown
 * one, auth without getToken/refreshToken, a negative retry limit) give a client whose every call
 * answers with an invalid-request error naming the option.
 *
 * @example
 * const lobby = createClient({ service: 'lobby', prefix: 'https://lobby.services.api.unity.com/v1', auth });
 * const result = await lobby.post('lobbies/quickjoin', { json: {} }).json<Lobby>();
 * if (result.isErr() && result.error.code === '16006') { ... }
 */
export function createClient<S extends HttpService>(options: ClientOptions<S>): Client<S> {
  // Checked as unknown: JavaScript callers and casts reach here with anything.
  const given: unknown = options;
  const service: unknown = isObject(given) ? safeGet(given, 'service') : undefined;
  if (!isObject(given)) {
    return refused(service, `options must be an object with a service, got ${given === null ? 'null' : typeof given}.`);
  }
  if (!isHttpService(service)) {
    return refused(service, `service must be one of ${HTTP_SERVICES.join(', ')}, got ${typeof service === 'string' ? JSON.stringify(service.slice(0, 64)) : typeof service}.`);
  }
  try {
    const definition = httpRegistry[options.service];
    return buildServiceClient(definition.adapter, definition.preset, options);
  } catch (thrown) {
    return refused(service, thrown instanceof ClientOptionsError ? thrown.message : `the options could not be used: ${String(thrown)}`, thrown);
  }
}

/** A client that answers every call with the invalid-request error for its options. */
function refused<S extends HttpService>(service: unknown, problem: string, cause?: unknown): Client<S> {
  // An unknown service is reported under the name it was given, as classify does.
  const name = (typeof service === 'string' ? service.slice(0, 64) : `(${typeof service})`) as S;
  return refusedClient(name, misuseError(name, `extralife createClient: ${problem}`, cause));
}
