import { err, ResultAsync } from 'neverthrow';
import type { GameServiceError } from '../core/error.ts';
import type { HttpService } from '../core/service.ts';
import type { Client, ClientRequest } from './types.ts';

/** A call that was never sent: it and every body method answer with the same error. */
class RefusedCall<S extends HttpService> extends ResultAsync<Response, GameServiceError<S>> implements ClientRequest<S> {
  readonly #error: GameServiceError<S>;

  constructor(error: GameServiceError<S>) {
    super(Promise.resolve(err(error)));
    this.#error = error;
  }

  #refuse<T>(): ResultAsync<T, GameServiceError<S>> {
    return new ResultAsync(Promise.resolve(err(this.#error)));
  }

  json<T = unknown>(): ResultAsync<T, GameServiceError<S>> {
    return this.#refuse<T>();
  }

  text(): ResultAsync<string, GameServiceError<S>> {
    return this.#refuse<string>();
  }

  arrayBuffer(): ResultAsync<ArrayBuffer, GameServiceError<S>> {
    return this.#refuse<ArrayBuffer>();
  }

  blob(): ResultAsync<Blob, GameServiceError<S>> {
    return this.#refuse<Blob>();
  }

  response(): ResultAsync<Response, GameServiceError<S>> {
    return this.#refuse<Response>();
  }
}

/**
 * The client createClient gives for options it cannot use: every call answers with the same
 * invalid-request error, naming the option, instead of createClient throwing.
 */
export function refusedClient<S extends HttpService>(service: S, error: GameServiceError<S>): Client<S> {
  const send = (): ClientRequest<S> => new RefusedCall(error);
  return Object.freeze({ service, get: send, post: send, put: send, patch: send, delete: send, head: send });
}
