import { errAsync } from 'neverthrow';
import type { GameServiceError } from '../core/error.ts';
import type { HttpService } from '../core/service.ts';
import type { Client, ClientRequest } from './types.ts';

/**
 * The client createClient gives for options it cannot use: every call answers with the same
 * invalid-request error, naming the option, instead of createClient throwing.
 */
export class RefusedClient<S extends HttpService> implements Client<S> {
  readonly service: S;
  readonly #request: ClientRequest<S>;

  constructor(service: S, error: GameServiceError<S>) {
    this.service = service;
    const refuse = () => errAsync(error);
    this.#request = Object.freeze({ json: refuse, text: refuse, arrayBuffer: refuse, blob: refuse, response: refuse });
  }

  get(): ClientRequest<S> {
    return this.#request;
  }

  post(): ClientRequest<S> {
    return this.#request;
  }

  put(): ClientRequest<S> {
    return this.#request;
  }

  patch(): ClientRequest<S> {
    return this.#request;
  }

  delete(): ClientRequest<S> {
    return this.#request;
  }

  head(): ClientRequest<S> {
    return this.#request;
  }
}
