import { errAsync } from 'neverthrow';
import type { GameServiceError } from '../core/error.ts';
import type { HttpService } from '../core/service.ts';
import type { Client, ClientRequest } from './types.ts';

/**
 * The client createClient gives for options it cannot use: every call answers with the same
 * invalid-request error, naming the option, instead of createClient throwing.
 */
export function refusedClient<S extends HttpService>(service: S, error: GameServiceError<S>): Client<S> {
  const refuse = () => errAsync(error);
  const request: ClientRequest<S> = Object.freeze({ json: refuse, text: refuse, arrayBuffer: refuse, blob: refuse, response: refuse });
  const send = (): ClientRequest<S> => request;
  return Object.freeze({ service, get: send, post: send, put: send, patch: send, delete: send, head: send });
}
