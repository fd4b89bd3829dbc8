import type { Input } from 'ky';
import { err, ok, ResultAsync, type Result } from 'neverthrow';
import type { GameServiceError } from '../core/error.ts';
import { isObject } from '../core/safe.ts';
import type { HttpService } from '../core/service.ts';
import { runRetry } from '../retry/engine.ts';
import { misuseError } from '../retry/errors.ts';
import { resolvePolicy, RetryOptionProblem } from '../retry/policy.ts';
import { CallAnswer, jsonValue, SuccessBody } from './answer.ts';
import { BodyLimitExceeded, bodyTooLarge, checkMaxBodyBytes, readBodyBytes } from './body.ts';
import { HttpCall } from './call.ts';
import { requestOptionsProblem } from './validate.ts';
import type { ClientCore } from './core.ts';
import type { BodyKind, ClientRequest, RequestOptions } from './types.ts';

type Outcome<S extends HttpService, T> = Promise<Result<T, GameServiceError<S>>>;

/** The signal a call obeys: the client's and the call's, whichever aborts first. */
function callSignal(client: AbortSignal | undefined, own: unknown): AbortSignal | undefined {
  const call = own instanceof AbortSignal ? own : undefined;
  if (client === undefined) return call;
  return call === undefined ? client : AbortSignal.any([client, call]);
}

/** What a body method gives, from the body's bytes. */
function bodyValue<S extends HttpService>(core: ClientCore<S>, kind: BodyKind, answer: CallAnswer, body: SuccessBody): Result<unknown, GameServiceError<S>> {
  switch (kind) {
    case 'json': {
      const read = jsonValue(core.adapter, answer, body);
      return read.ok ? ok(read.value) : err(read.error);
    }
    case 'text':
      return ok(body.text);
    case 'arrayBuffer':
      return ok(body.arrayBuffer());
    case 'blob':
      // The bytes are fetch's chunks or a buffer made for them, never shared memory.
      return ok(new Blob([body.bytes as Uint8Array<ArrayBuffer>], { type: answer.response.headers.get('content-type') ?? '' }));
  }
}

/**
 * The state of one call: started on the next microtask, so that body methods chained on the call
 * (`client.get(url).json()`) are known before the request goes out, as ky does.
 */
class CallState<S extends HttpService> {
  /** The call's outcome as the caller sees it: the Response. */
  readonly response: Outcome<S, Response>;
  /** What the call settled with, once it succeeded: the Response and its body when read. */
  #answer: CallAnswer | undefined;
  readonly #core: ClientCore<S>;
  readonly #reads = new Set<BodyKind>();
  /** Each body method's outcome, made once: a second read gives the first's. */
  readonly #outcomes = new Map<BodyKind, Outcome<S, unknown>>();
  #started = false;
  /** The body read after the call settled, shared by every body method. */
  #lateBody: Outcome<S, SuccessBody> | undefined;
  #signal: AbortSignal | undefined;
  #maxBodyBytes = 0;
  /** The call's maxRetryTime, which also bounds a body read after the call settled. */
  #maxRetryTime = Number.POSITIVE_INFINITY;

  constructor(core: ClientCore<S>, method: string, input: Input, options: RequestOptions | undefined) {
    this.#core = core;
    this.response = Promise.resolve().then(() => this.#run(method, input, options));
  }

  /** Notes a body method called before the request went out: the body is then read within the call. */
  declare(kind: BodyKind): void {
    if (!this.#started) this.#reads.add(kind);
  }

  read<T>(kind: BodyKind): Outcome<S, T> {
    let outcome = this.#outcomes.get(kind);
    if (outcome === undefined) {
      outcome = this.response.then((response) => {
        if (response.isErr()) return err(response.error);
        // #settle keeps the answer before the call's Ok is given: an Ok always has one.
        const settled = this.#answer as CallAnswer;
        // Read with the call (the usual case): the value is made at once, with no wait of its own.
        if (settled.body !== undefined) return bodyValue(this.#core, kind, settled, settled.body);
        return this.#bodyOf(settled).then((body) => (body.isErr() ? err(body.error) : bodyValue(this.#core, kind, settled, body.value)));
      });
      this.#outcomes.set(kind, outcome);
    }
    // Each kind's outcome holds a value of that kind's type: the map cannot say so per key.
    return outcome as Outcome<S, T>;
  }

  async #run(method: string, input: Input, options: RequestOptions | undefined): Outcome<S, Response> {
    this.#started = true;
    const core = this.#core;
    const { service } = core.adapter;
    try {
      const scheme = core.prefixed ? undefined : foreignScheme(input);
      if (scheme !== undefined) return err(misuseError(service, `The URL is not http or https (${scheme}), so nothing was sent: the URL of the request is wrong.`));
      this.#maxBodyBytes = core.maxBodyBytes;
      this.#maxRetryTime = core.retry.policy.maxRetryTime;
      if (options === undefined) {
        this.#signal = core.signal;
        return this.#settle(await runRetry(core.retry, new HttpCall<S>(core, method, input, undefined, this.#reads, core.signal, core.maxBodyBytes)));
      }
      const given: unknown = options;
      if (!isObject(given)) return err(misuseError(service, `The request options must be an object, got ${given === null ? 'null' : typeof given}.`));
      const policy = resolvePolicy(core.retry.policy, options.retry);
      if (policy instanceof RetryOptionProblem) return err(misuseError(service, `The request options are invalid: ${policy.message}`));
      this.#maxRetryTime = policy.maxRetryTime;
      const problem = requestOptionsProblem(options as Record<string, unknown>);
      if (problem !== undefined) return err(misuseError(service, `The request options are invalid: ${problem}`));
      if (options.maxBodyBytes !== undefined) {
        const limit = checkMaxBodyBytes(options.maxBodyBytes);
        if (typeof limit === 'string') return err(misuseError(service, `The request options are invalid: ${limit}`));
        this.#maxBodyBytes = limit;
      }
      this.#signal = callSignal(core.signal, options.signal);
      const call = new HttpCall<S>(core, method, input, options, this.#reads, this.#signal, this.#maxBodyBytes);
      return this.#settle(await runRetry(core.retry, call, policy));
    } catch (thrown) {
      // Only a fault of this library can land here; it still reaches the caller as a value.
      return err(core.adapter.classify(thrown));
    }
  }

  #settle(result: Result<CallAnswer, GameServiceError<S>>): Result<Response, GameServiceError<S>> {
    if (result.isErr()) return err(result.error);
    this.#answer = result.value;
    return ok(result.value.response);
  }

  /** The answer's body: read with the call, or now, once, from the Response. */
  #bodyOf(answer: CallAnswer): Outcome<S, SuccessBody> {
    if (answer.body !== undefined) return Promise.resolve(ok(answer.body));
    this.#lateBody ??= this.#readLate(answer);
    return this.#lateBody;
  }

  async #readLate(answer: CallAnswer): Outcome<S, SuccessBody> {
    const { adapter, attemptTimeout } = this.#core;
    const { response, context } = answer;
    if (response.bodyUsed || response.body?.locked === true) {
      return err(misuseError(adapter.service, 'The body was already read from the Response this call gave: read it either from the Response or through the call\'s body methods, not both.', undefined, context.secrets));
    }
    try {
      // Read after the call settled, perhaps long after: the call's time is counted anew from here,
      // so a body that trickles in a byte at a time still ends.
      const limits = { maxBytes: this.#maxBodyBytes, idleMs: attemptTimeout, totalMs: this.#maxRetryTime, signal: this.#signal };
      const body = new SuccessBody(await readBodyBytes(response, limits));
      answer.body = body;
      return ok(body);
    } catch (thrown) {
      if (thrown instanceof BodyLimitExceeded) return err(bodyTooLarge(adapter.service, thrown, context, response.status));
      return err(adapter.classify(thrown, context));
    }
  }
}

/**
 * The scheme of an absolute URL that is not http(s) (`data:`, `blob:`, `about:`, `ftp:`), or
 * undefined: fetch would read some of them itself (a `data:` URL answers without a server), and
 * none of them is a service.
 */
function foreignScheme(input: unknown): string | undefined {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : typeof Request !== 'undefined' && input instanceof Request ? input.url : undefined;
  if (url === undefined) return undefined;
  const scheme = /^\s*([a-z][a-z\d+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' ? undefined : `${scheme.slice(0, 20)}:`;
}

/**
 * One call: a ResultAsync of the Response, sent when the client method was called, with ky's
 * body methods reading that one Response.
 */
export class ClientCall<S extends HttpService> extends ResultAsync<Response, GameServiceError<S>> implements ClientRequest<S> {
  readonly #state: CallState<S>;

  constructor(core: ClientCore<S>, method: string, input: Input, options: RequestOptions | undefined) {
    const state = new CallState(core, method, input, options);
    super(state.response);
    this.#state = state;
  }

  #read<T>(kind: BodyKind): ResultAsync<T, GameServiceError<S>> {
    this.#state.declare(kind);
    return new ResultAsync(this.#state.read<T>(kind));
  }

  json<T = unknown>(): ResultAsync<T, GameServiceError<S>> {
    return this.#read<T>('json');
  }

  text(): ResultAsync<string, GameServiceError<S>> {
    return this.#read<string>('text');
  }

  arrayBuffer(): ResultAsync<ArrayBuffer, GameServiceError<S>> {
    return this.#read<ArrayBuffer>('arrayBuffer');
  }

  blob(): ResultAsync<Blob, GameServiceError<S>> {
    return this.#read<Blob>('blob');
  }

  response(): ResultAsync<Response, GameServiceError<S>> {
    return new ResultAsync(this.#state.response);
  }
}
