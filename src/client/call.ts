import type { Input, Options as KyOptions, ResponsePromise } from 'ky';
import type { ClassifyContext, ResponseSnapshot, SuccessReading } from '../core/adapter.ts';
import { unknownError } from '../core/build-error.ts';
import { GameServiceError } from '../core/error.ts';
import type { HttpService } from '../core/service.ts';
import type { RetryTask } from '../retry/engine.ts';
import { deadlineReached } from '../retry/deadline.ts';
import { misuseError, urlCredentialsIn } from '../retry/errors.ts';
import { notify } from '../retry/events.ts';
import { isIdempotentMethod } from '../retry/idempotency.ts';
import { now, sleep } from '../retry/sleep.ts';
import type { ClientCore } from './core.ts';
import { readFailureBody } from './read-failure.ts';
import { hasHeader, headerEntries, headerValue, secretHeaderValues, type KyHeadersInit } from './headers.ts';
import type { BodyKind, KyPassThroughOptions, RequestOptions } from './types.ts';

const ACCEPT_JSON: Readonly<Record<string, string>> = Object.freeze({ accept: 'application/json' });
const PENDING = Symbol('pending');
/** Request options that are the client's, not ky's. */
const CLIENT_KEYS = ['retry', 'idempotent', 'idempotencyKey', 'rateLimitKey'] as const;

/** Content types worth showing the adapter when the caller asked for bytes: text and JSON. */
const TEXTUAL = /^(?:text\/|application\/(?:[\w.+-]*\+)?json\b)/i;

/** ky's `timeout` as a number of milliseconds: ky waits 10 s by default, and `false` turns it off. */
export function attemptTimeoutOf(timeout: number | false | undefined): number {
  if (timeout === false) return Number.POSITIVE_INFINITY;
  return timeout ?? 10_000;
}

function inputUrl(input: Input): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/**
 * The request an answer belongs to, for the error's details. Its URL is read only when an error
 * asks for it: serialising a Response's URL is work a success never needs.
 */
class RequestInfo {
  readonly method: string;
  readonly #input: Input;
  readonly #response: Response | undefined;

  constructor(method: string, input: Input, response: Response | undefined) {
    this.method = method;
    this.#input = input;
    this.#response = response;
  }

  get url(): string {
    const url = this.#response?.url;
    return url === undefined || url === '' ? inputUrl(this.#input) : url;
  }
}

function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/**
 * One call of the client: builds each attempt's request over ky and reads its answer once.
 * A 2xx whose body reports failure is thrown as that failure; a 202 "queued" is asked again with
 * the same request id until the answer is ready or the poll limit is reached.
 */
export class HttpCall<S extends HttpService, T> implements RetryTask<T> {
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[] | undefined;
  readonly #client: ClientCore<S>;
  readonly #method: string;
  readonly #input: Input;
  readonly #kind: BodyKind;
  readonly #options: KyPassThroughOptions | undefined;
  /** Headers the same on every attempt: request id, idempotency key. */
  readonly #fixed: Readonly<Record<string, string>> | undefined;
  /** The caller's word on idempotency, if any; else it follows from the method and the preset. */
  readonly #idempotent: boolean | undefined;
  /** ky's per-attempt timeout for this call, in milliseconds (Infinity when turned off). */
  readonly #attemptTimeout: number;
  readonly #rateLimitKey: string | undefined;

  constructor(client: ClientCore<S>, method: string, input: Input, options: RequestOptions | undefined, kind: BodyKind, signal: AbortSignal | undefined) {
    this.#client = client;
    this.#method = method;
    this.#input = input;
    this.#kind = kind;
    this.signal = signal;
    if (options === undefined) {
      this.#options = undefined;
      this.#fixed = client.requestIdHeader === undefined ? undefined : { [client.requestIdHeader]: crypto.randomUUID() };
      this.#idempotent = undefined;
      this.#attemptTimeout = client.attemptTimeout;
      this.#rateLimitKey = undefined;
      this.secrets = client.secrets;
      return;
    }
    const { idempotent, idempotencyKey, rateLimitKey } = options;
    this.#rateLimitKey = rateLimitKey;
    const kyOptions: KyPassThroughOptions = { ...options };
    for (const key of CLIENT_KEYS) Reflect.deleteProperty(kyOptions, key);
    this.#options = kyOptions;
    let fixed: Record<string, string> | undefined;
    if (client.requestIdHeader !== undefined && !hasHeader(kyOptions.headers, client.requestIdHeader)) {
      fixed = { [client.requestIdHeader]: crypto.randomUUID() };
    }
    if (idempotencyKey !== undefined) (fixed ??= {})['Idempotency-Key'] = idempotencyKey;
    this.#fixed = fixed;
    this.#idempotent = idempotent ?? (idempotencyKey === undefined ? undefined : true);
    this.#attemptTimeout = kyOptions.timeout === undefined ? client.attemptTimeout : attemptTimeoutOf(kyOptions.timeout);
    const own = secretHeaderValues(kyOptions.headers);
    this.secrets = own.length === 0 ? client.secrets : [...own, ...(client.secrets ?? [])];
  }

  /** The request id every poll of this call carries: the caller's own, or the one made for the call. */
  get #requestId(): string | undefined {
    const name = this.#client.requestIdHeader;
    if (name === undefined) return undefined;
    return this.#fixed?.[name] ?? headerValue(this.#options?.headers, name);
  }

  /** The rate-limit bucket: the caller's key, else the service, the method and the URL without its query. */
  get bucket(): string {
    if (this.#rateLimitKey !== undefined) return this.#rateLimitKey;
    const { service } = this.#client.adapter;
    const url = inputUrl(this.#input);
    const query = url.search(/[?#]/);
    const path = query === -1 ? url : url.slice(0, query);
    const address = /^[a-z][a-z\d+.-]*:/i.test(path) ? '' : this.#client.address;
    return `${service} ${this.#method} ${address}${address === '' || address.endsWith('/') || path.startsWith('/') ? '' : '/'}${path}`;
  }

  /** Read only after a failure: a call that succeeds never tests its method or path. */
  get idempotent(): boolean {
    return this.#idempotent ?? (isIdempotentMethod(this.#method) || this.#client.isRepeatable(this.#input));
  }

  async attempt(token: string | undefined, deadline: number): Promise<T> {
    const { adapter, poll } = this.#client;
    for (let polls = 0; ; polls += 1) {
      // The call's deadline bounds each attempt too: ky's timeout is shortened to what is left.
      const remaining = deadline - now();
      if (remaining <= 0) throw adapter.classify(deadlineReached(), this.#context(token, undefined));
      let pending: ResponsePromise;
      try {
        pending = this.#client.ky(this.#input, this.#kyOptions(token, remaining));
      } catch (thrown) {
        throw this.#unbuilt(thrown, token);
      }
      let response: Response;
      try {
        response = await pending;
      } catch (thrown) {
        throw adapter.classify(thrown, this.#context(token, undefined));
      }
      if (!response.ok) throw await this.#failure(response, token, Math.min(this.#attemptTimeout, deadline - now()));
      let value: T | typeof PENDING;
      try {
        const kind = this.#kind;
        if (kind === 'json') value = this.#readJson(await pending.text(), response, token);
        else if (kind === 'text') value = this.#readText(await pending.text(), response, token);
        else value = await this.#readOther(pending, response, token);
      } catch (thrown) {
        throw thrown instanceof GameServiceError ? thrown : adapter.classify(thrown, this.#context(token, response));
      }
      if (value !== PENDING) return value;
      // 202: asked again, with the same request id, until the answer is ready.
      if (poll === undefined || polls >= poll.limit || now() + poll.intervalMs > deadline) throw this.#notReady(polls);
      notify(this.#client.onPoll, { poll: polls + 1, delayMs: poll.intervalMs, requestId: this.#requestId });
      await sleep(poll.intervalMs, this.signal);
    }
  }

  #kyOptions(token: string | undefined, remaining: number): KyOptions {
    const headers = this.#headers(token);
    // The client's own decisions win over anything the caller's options say.
    const options: KyOptions = this.#options === undefined ? { method: this.#method } : { ...this.#options, method: this.#method, retry: 0, throwHttpErrors: false };
    if (headers !== undefined) options.headers = headers;
    if (this.signal !== undefined) options.signal = this.signal;
    if (remaining < this.#attemptTimeout) options.timeout = Math.max(1, Math.ceil(remaining));
    return options;
  }

  /** ky refused to build the request: a bug in the call, not a failure of the service. */
  #unbuilt(thrown: unknown, token: string | undefined): GameServiceError<S> {
    const message = describeThrown(thrown);
    // The message may quote the URL back, user info and all; the token may be in its path.
    const secrets = [...urlCredentialsIn(message), ...(token === undefined ? [] : [token]), ...(this.secrets ?? [])];
    return misuseError(this.#client.adapter.service, `The request could not be built: ${message}`, thrown, secrets);
  }

  #headers(token: string | undefined): KyHeadersInit | undefined {
    const own = this.#options?.headers;
    const fixed = this.#fixed;
    const wantsJson = this.#kind === 'json';
    if (token === undefined && fixed === undefined && own === undefined) return wantsJson ? ACCEPT_JSON : undefined;
    const headers = new Headers();
    if (wantsJson && !hasHeader(own, 'accept')) headers.set('accept', 'application/json');
    for (const [name, value] of headerEntries(own)) if (value !== undefined) headers.set(name, value);
    if (token !== undefined) {
      const { authHeader, authScheme } = this.#client;
      headers.set(authHeader, authScheme === '' ? token : `${authScheme} ${token}`);
    }
    if (fixed !== undefined) for (const name of Object.keys(fixed)) headers.set(name, fixed[name] ?? '');
    return headers;
  }

  #context(token: string | undefined, response: Response | undefined): ClassifyContext {
    const secrets = token === undefined ? this.secrets : this.secrets === undefined ? [token] : [token, ...this.secrets];
    return { secrets, request: new RequestInfo(this.#method, this.#input, response) };
  }

  /**
   * A non-2xx answer: the start of its body read once, bounded in size and by the attempt's
   * time, then classified.
   */
  async #failure(response: Response, token: string | undefined, timeoutMs: number): Promise<GameServiceError<S>> {
    const body = await readFailureBody(response, timeoutMs);
    const snapshot: ResponseSnapshot = body === undefined || body === '' ? { status: response.status, headers: response.headers } : { status: response.status, headers: response.headers, body };
    return this.#client.adapter.classify(snapshot, this.#context(token, response));
  }

  /** A 2xx JSON answer, parsed once here: the adapter gets the parsed object (or the text, when JSON gave a scalar). */
  #readJson(text: string, response: Response, token: string | undefined): T | typeof PENDING {
    const { adapter } = this.#client;
    const { status, headers } = response;
    if (text === '') return this.#outcome(adapter.readSuccess({ status, headers }, this.#context(token, response)), undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const reading = adapter.readSuccess({ status, headers, body: text }, this.#context(token, response));
      if (reading.kind !== 'value') return this.#outcome(reading, undefined);
      throw unknownError(adapter.service, { status, body: text }, this.#context(token, response), 'The answer was a success, but its body is not the JSON that was asked for.');
    }
    const isObject = typeof parsed === 'object' && parsed !== null;
    const reading = adapter.readSuccess({ status, headers, body: isObject ? (parsed as object) : text }, this.#context(token, response));
    if (reading.kind === 'value' && !isObject && reading.value === text) return parsed as T;
    return this.#outcome(reading, undefined);
  }

  #readText(text: string, response: Response, token: string | undefined): T | typeof PENDING {
    return this.#outcome(this.#client.adapter.readSuccess({ status: response.status, headers: response.headers, body: text }, this.#context(token, response)), text);
  }

  /** A 2xx answer asked for as bytes or as the Response itself. */
  async #readOther(pending: ResponsePromise, response: Response, token: string | undefined): Promise<T | typeof PENDING> {
    const { adapter } = this.#client;
    const { status, headers } = response;
    if (this.#kind === 'response') {
      // The caller gets the body unread: the adapter reads a copy.
      const text = await response.clone().text();
      const reading = adapter.readSuccess(text === '' ? { status, headers } : { status, headers, body: text }, this.#context(token, response));
      if (reading.kind !== 'value') response.body?.cancel().catch(() => undefined);
      return this.#outcome(reading, response);
    }
    const buffer = await pending.arrayBuffer();
    const type = headers.get('content-type') ?? '';
    const snapshot: ResponseSnapshot = TEXTUAL.test(type) ? { status, headers, body: new Uint8Array(buffer) } : { status, headers };
    const reading = adapter.readSuccess(snapshot, this.#context(token, response));
    return this.#outcome(reading, this.#kind === 'blob' ? new Blob([buffer], { type }) : buffer);
  }

  /** The value to give for a reading: `value` when given, else the adapter's (Coral's `result`). */
  #outcome(reading: SuccessReading<S>, value: unknown): T | typeof PENDING {
    if (reading.kind === 'failure') throw reading.error;
    if (reading.kind === 'pending') return PENDING;
    return (value === undefined ? reading.value : value) as T;
  }

  #notReady(polls: number): GameServiceError<S> {
    const service = this.#client.adapter.service;
    return new GameServiceError<S>({
      service,
      code: 'TIMEOUT',
      category: 'timeout',
      // The polls were the patience: asking all over again would only repeat them.
      retry: 'never',
      description: `The service accepted the request (HTTP 202) but its result was not ready after ${polls} ${polls === 1 ? 'poll' : 'polls'}.`,
      details: { polls, request: { method: this.#method, url: inputUrl(this.#input) } },
      secrets: this.secrets,
    });
  }
}
