import type { Input, Options as KyOptions, ResponsePromise } from 'ky';
import type { ClassifyContext, ResponseSnapshot } from '../core/adapter.ts';
import { buildWithoutStack, GameServiceError } from '../core/error.ts';
import { secretQueryValues } from '../core/redact.ts';
import type { HttpService } from '../core/service.ts';
import type { RetryTask } from '../retry/engine.ts';
import { deadlineReached } from '../retry/deadline.ts';
import { misuseError, urlCredentialsIn } from '../retry/errors.ts';
import { notify } from '../retry/events.ts';
import { isIdempotentMethod } from '../retry/idempotency.ts';
import { now, sleep } from '../retry/sleep.ts';
import type { ClientCore } from './core.ts';
import { CallAnswer, isTextual, successSnapshot, SuccessBody } from './answer.ts';
import { BodyLimitExceeded, bodyTooLarge, readBodyBytes } from './body.ts';
import { definedOptions } from './defined.ts';
import { readFailureBody } from './read-failure.ts';
import { credentialParts, hasHeader, headerEntries, headerValue, secretHeaderValues, type KyHeadersInit } from './headers.ts';
import type { BodyKind, KyPassThroughOptions, RequestOptions } from './types.ts';

const PENDING = Symbol('pending');
/** Not Modified: the answer to a conditional request when nothing changed. */
const NOT_MODIFIED = 304;
/** Request options that are the client's, not ky's. */
const CLIENT_KEYS = ['retry', 'idempotent', 'idempotencyKey', 'maxBodyBytes', 'rateLimitKey'] as const;

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
 * `secrets` and the values of the call's secret-looking query parameters, in its URL or its
 * `searchParams`. A URL without a query (most calls) costs one search and allocates nothing.
 */
function withQuerySecrets(secrets: readonly string[] | undefined, input: Input, searchParams: unknown): readonly string[] | undefined {
  // Checked as unknown: a JavaScript caller's input may be anything, and ky refuses it later.
  const url: unknown = typeof input === 'string' || input instanceof URL || input instanceof Request ? inputUrl(input) : undefined;
  if (searchParams === undefined && (typeof url !== 'string' || !url.includes('?'))) return secrets;
  const found = [...secretQueryValues(url), ...secretQueryValues(searchParams)];
  return found.length === 0 ? secrets : [...found, ...(secrets ?? [])];
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
 * One call of the client: builds each attempt's request over ky and judges its answer once.
 * A 2xx whose body reports failure is thrown as that failure; a 202 "queued" is asked again with
 * the same request id until the answer is ready or the poll limit is reached.
 */
export class HttpCall<S extends HttpService> implements RetryTask<CallAnswer> {
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[] | undefined;
  readonly #client: ClientCore<S>;
  readonly #method: string;
  readonly #input: Input;
  /** True when a body method came with the call: the body is read within the attempt. */
  readonly #readsBody: boolean;
  /** True when the caller asked for JSON or text: the body is decoded for the adapter whatever its type. */
  readonly #decodes: boolean;
  readonly #wantsJson: boolean;
  /** The most bytes of a success body read. */
  readonly #maxBodyBytes: number;
  readonly #options: KyOptions | undefined;
  /** Headers the same on every attempt: request id, idempotency key. */
  readonly #fixed: Readonly<Record<string, string>> | undefined;
  /** The caller's word on idempotency, if any; else it follows from the method and the preset. */
  readonly #idempotent: boolean | undefined;
  /** ky's per-attempt timeout for this call, in milliseconds (Infinity when turned off). */
  readonly #attemptTimeout: number;
  readonly #rateLimitKey: string | undefined;
  /**
   * See RetryTask.keepsDeadline: true unless ky runs hooks or a fetch the caller gave, which may
   * ignore both bounds. Then too every Response is fetch's own, its body framed by the connection.
   */
  readonly keepsDeadline: boolean;
  /** Attempts sent so far, and when the call started on the engine's clock: what an answer tells errors read from its body later. */
  #attempts = 0;
  readonly #startedAt = now();

  constructor(
    client: ClientCore<S>,
    method: string,
    input: Input,
    options: RequestOptions | undefined,
    reads: ReadonlySet<BodyKind>,
    signal: AbortSignal | undefined,
    maxBodyBytes: number,
  ) {
    this.#client = client;
    this.#method = method;
    this.#input = input;
    this.#readsBody = reads.size > 0;
    this.#wantsJson = reads.has('json');
    this.#decodes = this.#wantsJson || reads.has('text');
    this.#maxBodyBytes = maxBodyBytes;
    this.signal = signal;
    if (options === undefined) {
      this.#options = undefined;
      this.#fixed = client.requestIdHeader === undefined ? undefined : { [client.requestIdHeader]: crypto.randomUUID() };
      this.#idempotent = undefined;
      this.#attemptTimeout = client.attemptTimeout;
      this.#rateLimitKey = undefined;
      this.secrets = withQuerySecrets(client.secrets, input, undefined);
      this.keepsDeadline = client.plainTransport;
      return;
    }
    const { idempotent, idempotencyKey, rateLimitKey } = options;
    this.#rateLimitKey = rateLimitKey;
    const given: KyPassThroughOptions & Record<string, unknown> = { ...options };
    for (const key of CLIENT_KEYS) Reflect.deleteProperty(given, key);
    const kyOptions = definedOptions(given);
    this.#options = kyOptions;
    this.keepsDeadline = client.plainTransport && kyOptions.hooks === undefined && kyOptions.fetch === undefined;
    let fixed: Record<string, string> | undefined;
    if (client.requestIdHeader !== undefined && !hasHeader(kyOptions.headers, client.requestIdHeader)) {
      fixed = { [client.requestIdHeader]: crypto.randomUUID() };
    }
    if (idempotencyKey !== undefined) (fixed ??= {})['Idempotency-Key'] = idempotencyKey;
    this.#fixed = fixed;
    this.#idempotent = idempotent ?? (idempotencyKey === undefined ? undefined : true);
    this.#attemptTimeout = kyOptions.timeout === undefined ? client.attemptTimeout : attemptTimeoutOf(kyOptions.timeout);
    const own = secretHeaderValues(kyOptions.headers);
    this.secrets = withQuerySecrets(own.length === 0 ? client.secrets : [...own, ...(client.secrets ?? [])], input, kyOptions.searchParams);
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

  async attempt(token: string | undefined, deadline: number): Promise<CallAnswer> {
    this.#attempts += 1;
    const { adapter, poll } = this.#client;
    for (let polls = 0; ; polls += 1) {
      // The call's deadline bounds each attempt too: ky's timeout is shortened to what is left.
      const remaining = deadline - now();
      if (remaining <= 0) throw adapter.classify(deadlineReached(), this.#context(token, undefined));
      let pending: ResponsePromise;
      try {
        const headers = this.#headers(token);
        pending = (headers === undefined && this.#wantsJson ? this.#client.kyJson : this.#client.ky)(this.#input, this.#kyOptions(headers, remaining));
      } catch (thrown) {
        throw this.#unbuilt(thrown, token);
      }
      let response: Response;
      try {
        response = await pending;
      } catch (thrown) {
        throw buildWithoutStack(() => adapter.classify(thrown, this.#context(token, undefined)));
      }
      const notModified = response.status === NOT_MODIFIED && this.#client.notModifiedIsSuccess;
      if (!response.ok && !notModified) throw await this.#failure(response, token, Math.min(this.#attemptTimeout, deadline - now()));
      const answer = await this.#success(response, token, deadline);
      if (answer !== PENDING) return answer;
      // 202: asked again, with the same request id, until the answer is ready.
      if (poll === undefined || polls >= poll.limit || now() + poll.intervalMs > deadline) throw this.#notReady(polls);
      notify(this.#client.onPoll, { poll: polls + 1, delayMs: poll.intervalMs, requestId: this.#requestId });
      await sleep(poll.intervalMs, this.signal);
    }
  }

  /**
   * A 2xx answer, judged. Its body is read here when a body method came with the call (so that a
   * body cut off mid-way is retried like any dropped connection) or when the service says failure
   * in 2xx bodies (Coral, the platform); then only a copy is read when the caller wants the
   * Response itself, which keeps its body unread. Otherwise the status decides, and the body is
   * left as the stream it is.
   */
  async #success(response: Response, token: string | undefined, deadline: number): Promise<CallAnswer | typeof PENDING> {
    const { adapter } = this.#client;
    const context = this.#context(token, response);
    const fromStatus = adapter.successFromStatus === true;
    if (!this.#readsBody && fromStatus) {
      const reading = adapter.readSuccess({ status: response.status, headers: response.headers }, context);
      if (reading.kind !== 'value') response.body?.cancel().catch(() => undefined);
      if (reading.kind === 'failure') throw reading.error;
      return reading.kind === 'pending' ? PENDING : new CallAnswer(response, context, undefined, undefined, this.#attempts, this.#startedAt);
    }
    const source = this.#readsBody ? response : response.clone();
    let body: SuccessBody;
    try {
      const limits = { maxBytes: this.#maxBodyBytes, idleMs: this.#attemptTimeout, totalMs: deadline - now(), signal: this.signal, framed: this.keepsDeadline };
      body = new SuccessBody(await readBodyBytes(source, limits));
    } catch (thrown) {
      if (source !== response) response.body?.cancel().catch(() => undefined);
      if (thrown instanceof BodyLimitExceeded) throw bodyTooLarge(adapter.service, thrown, context, response.status);
      throw adapter.classify(thrown, context);
    }
    const decode = this.#decodes || isTextual(response.headers);
    const reading = adapter.readSuccess(fromStatus ? { status: response.status, headers: response.headers } : successSnapshot(response, body, decode), context);
    if (reading.kind !== 'value' && source !== response) response.body?.cancel().catch(() => undefined);
    if (reading.kind === 'failure') throw reading.error;
    if (reading.kind === 'pending') return PENDING;
    return new CallAnswer(response, context, body, fromStatus ? undefined : { value: reading.value }, this.#attempts, this.#startedAt);
  }

  #kyOptions(headers: KyHeadersInit | undefined, remaining: number): KyOptions {
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
    const secrets = [...urlCredentialsIn(message), ...(token === undefined ? [] : this.tokenSecrets(token)), ...(this.secrets ?? [])];
    return misuseError(this.#client.adapter.service, `The request could not be built: ${message}`, thrown, secrets);
  }

  #headers(token: string | undefined): KyHeadersInit | undefined {
    const own = this.#options?.headers;
    const fixed = this.#fixed;
    const wantsJson = this.#wantsJson;
    // Nothing of the call's own to send: the client's ky (kyJson for a JSON read) has the rest.
    if (token === undefined && fixed === undefined && own === undefined) return undefined;
    const headers = new Headers();
    if (wantsJson && !this.#client.acceptGiven && !hasHeader(own, 'accept')) headers.set('accept', 'application/json');
    for (const [name, value] of headerEntries(own)) if (value !== undefined) headers.set(name, value);
    if (token !== undefined) {
      const { authHeader, authScheme } = this.#client;
      headers.set(authHeader, authScheme === '' ? token : `${authScheme} ${token}`);
    }
    if (fixed !== undefined) for (const name of Object.keys(fixed)) headers.set(name, fixed[name] ?? '');
    return headers;
  }

  #context(token: string | undefined, response: Response | undefined): ClassifyContext {
    const secrets = token === undefined ? this.secrets : [...this.tokenSecrets(token), ...(this.secrets ?? [])];
    return { secrets, request: new RequestInfo(this.#method, this.#input, response) };
  }

  /** The token, and under the Basic scheme the user name and password its base64 holds. */
  tokenSecrets(token: string): string[] {
    const scheme = this.#client.authScheme.trim();
    // No scheme: the token is the whole header value, and may be a Basic credential itself.
    if (scheme === '') return [token, ...credentialParts(token.trim())];
    return scheme.toLowerCase() === 'basic' ? [token, ...credentialParts(`Basic ${token.trim()}`)] : [token];
  }

  /**
   * A non-2xx answer: the start of its body read once, bounded in size and by the attempt's
   * time, then classified.
   */
  async #failure(response: Response, token: string | undefined, timeoutMs: number): Promise<GameServiceError<S>> {
    const body = await readFailureBody(response, timeoutMs);
    const snapshot: ResponseSnapshot = body === undefined || body === '' ? { status: response.status, headers: response.headers } : { status: response.status, headers: response.headers, body };
    // The retry engine reads it and may drop it: the error it gives the caller captures the stack.
    return buildWithoutStack(() => this.#client.adapter.classify(snapshot, this.#context(token, response)));
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
