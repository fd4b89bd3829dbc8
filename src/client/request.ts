import type { Input } from 'ky';
import { err, ResultAsync, type Result } from 'neverthrow';
import type { GameServiceError } from '../core/error.ts';
import { isObject } from '../core/safe.ts';
import type { HttpService } from '../core/service.ts';
import { runRetry } from '../retry/engine.ts';
import { misuseError } from '../retry/errors.ts';
import { resolvePolicy, RetryOptionProblem } from '../retry/policy.ts';
import { HttpCall } from './call.ts';
import type { ClientCore } from './core.ts';
import { requestOptionsProblem } from './validate.ts';
import type { BodyKind, ClientRequest, RequestOptions } from './types.ts';

/** The signal a call obeys: the client's and the call's, whichever aborts first. */
function callSignal(client: AbortSignal | undefined, own: unknown): AbortSignal | undefined {
  const call = own instanceof AbortSignal ? own : undefined;
  if (client === undefined) return call;
  return call === undefined ? client : AbortSignal.any([client, call]);
}

function execute<S extends HttpService, T>(core: ClientCore<S>, method: string, input: Input, options: RequestOptions | undefined, kind: BodyKind): Promise<Result<T, GameServiceError<S>>> {
  const { service } = core.adapter;
  try {
    if (options === undefined) return runRetry(core.retry, new HttpCall<S, T>(core, method, input, undefined, kind, core.signal));
    const given: unknown = options;
    if (!isObject(given)) return Promise.resolve(err(misuseError(service, `The request options must be an object, got ${given === null ? 'null' : typeof given}.`)));
    const policy = resolvePolicy(core.retry.policy, options.retry);
    if (policy instanceof RetryOptionProblem) return Promise.resolve(err(misuseError(service, `The request options are invalid: ${policy.message}`)));
    const problem = requestOptionsProblem(options as Record<string, unknown>);
    if (problem !== undefined) return Promise.resolve(err(misuseError(service, `The request options are invalid: ${problem}`)));
    const call = new HttpCall<S, T>(core, method, input, options, kind, callSignal(core.signal, options.signal));
    return runRetry(core.retry, call, policy);
  } catch (thrown) {
    // Only a fault of this library can land here; it still reaches the caller as a value.
    return Promise.resolve(err(core.adapter.classify(thrown)));
  }
}

/** A request not sent yet: each body method sends it. */
export class ClientRequestImpl<S extends HttpService> implements ClientRequest<S> {
  readonly #core: ClientCore<S>;
  readonly #method: string;
  readonly #input: Input;
  readonly #options: RequestOptions | undefined;

  constructor(core: ClientCore<S>, method: string, input: Input, options: RequestOptions | undefined) {
    this.#core = core;
    this.#method = method;
    this.#input = input;
    this.#options = options;
  }

  #send<T>(kind: BodyKind): ResultAsync<T, GameServiceError<S>> {
    return new ResultAsync(execute<S, T>(this.#core, this.#method, this.#input, this.#options, kind));
  }

  json<T = unknown>(): ResultAsync<T, GameServiceError<S>> {
    return this.#send<T>('json');
  }

  text(): ResultAsync<string, GameServiceError<S>> {
    return this.#send<string>('text');
  }

  arrayBuffer(): ResultAsync<ArrayBuffer, GameServiceError<S>> {
    return this.#send<ArrayBuffer>('arrayBuffer');
  }

  blob(): ResultAsync<Blob, GameServiceError<S>> {
    return this.#send<Blob>('blob');
  }

  response(): ResultAsync<Response, GameServiceError<S>> {
    return this.#send<Response>('response');
  }
}
