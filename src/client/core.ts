import ky, { type Input, type KyInstance, type Options as KyOptions } from 'ky';
import type { HttpAdapter } from '../core/adapter.ts';
import type { HttpService } from '../core/service.ts';
import { retryCoreFor } from '../retry/core.ts';
import type { RetryCore } from '../retry/engine.ts';
import type { PollPolicy } from './preset.ts';
import type { HttpPreset } from './preset.ts';
import { attemptTimeoutOf } from './call.ts';
import { checkMaxBodyBytes, DEFAULT_MAX_BODY_BYTES } from './body.ts';
import { ClientCall } from './request.ts';
import type { Client, ClientRequest, PollEvent, RequestOptions, ServiceClientOptions } from './types.ts';
import { misuseError } from '../retry/errors.ts';
import { refusedClient } from './refused.ts';
import { hasHeader } from './headers.ts';
import { checkClientOptions, ClientOptionsError } from './validate.ts';

/** What every call of one client shares. */
export class ClientCore<S extends HttpService> {
  readonly adapter: HttpAdapter<S>;
  readonly ky: KyInstance;
  readonly retry: RetryCore<S>;
  readonly authHeader: string;
  readonly authScheme: string;
  readonly requestIdHeader: string | undefined;
  readonly poll: PollPolicy | undefined;
  readonly onPoll: ((event: PollEvent) => unknown) | undefined;
  /** The client's own signal: every call ends when it aborts. */
  readonly signal: AbortSignal | undefined;
  /** Secret header values set for the whole client, masked in every error. */
  readonly secrets: readonly string[] | undefined;
  /** ky's per-attempt timeout set for the client, in milliseconds (Infinity when turned off). */
  readonly attemptTimeout: number;
  /** Where the client's requests go (its prefix or baseUrl), '' without one: part of its gate's and buckets' names. */
  readonly address: string;
  /** True when ky joins every call's URL to a prefix: then no call's URL is absolute. */
  readonly prefixed: boolean;
  /** A 304 is a success the caller sees (Lobby's conditional GET), not a failure. */
  readonly notModifiedIsSuccess: boolean;
  /** The most bytes of a success body read, unless a call says otherwise. */
  readonly maxBodyBytes: number;
  /** ky with `Accept: application/json` set once, for body-method calls that send no headers of their own. */
  readonly kyJson: KyInstance;
  /**
   * True when the client's ky has neither hooks nor a fetch of its own: an attempt then ends by
   * ky's timeout or the signal whatever the server does (see HttpCall.keepsDeadline).
   */
  readonly plainTransport: boolean;
  /** True when the client's headers set Accept: a JSON read then sends it as ky's json() would. */
  readonly acceptGiven: boolean;
  readonly #repeatable: RegExp | undefined;

  constructor(fields: {
    adapter: HttpAdapter<S>;
    preset: HttpPreset<S>;
    ky: KyInstance;
    retry: RetryCore<S>;
    authHeader: string;
    authScheme: string;
    poll: PollPolicy | undefined;
    onPoll: ((event: PollEvent) => unknown) | undefined;
    signal: AbortSignal | undefined;
    secrets: readonly string[] | undefined;
    attemptTimeout: number;
    address: string;
    prefixed: boolean;
    maxBodyBytes: number;
    kyJson: KyInstance;
    plainTransport: boolean;
  }) {
    this.adapter = fields.adapter;
    this.ky = fields.ky;
    this.retry = fields.retry;
    this.authHeader = fields.authHeader;
    this.authScheme = fields.authScheme;
    this.requestIdHeader = fields.preset.requestIdHeader;
    this.poll = fields.poll;
    this.onPoll = fields.onPoll;
    this.signal = fields.signal;
    this.secrets = fields.secrets;
    this.attemptTimeout = fields.attemptTimeout;
    this.address = fields.address;
    this.prefixed = fields.prefixed;
    this.notModifiedIsSuccess = fields.preset.notModifiedIsSuccess === true;
    this.maxBodyBytes = fields.maxBodyBytes;
    this.kyJson = fields.kyJson;
    this.plainTransport = fields.plainTransport;
    this.acceptGiven = fields.kyJson === fields.ky;
    this.#repeatable = fields.preset.repeatable;
  }

  /** True for a POST or PATCH the service's preset knows to be safe to send twice. */
  isRepeatable(input: Input): boolean {
    if (this.#repeatable === undefined) return false;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return this.#repeatable.test(url);
  }
}

class ServiceClient<S extends HttpService> implements Client<S> {
  readonly service: S;
  readonly #core: ClientCore<S>;

  constructor(core: ClientCore<S>) {
    this.#core = core;
    this.service = core.adapter.service;
  }

  get(input: Input, options?: RequestOptions): ClientRequest<S> {
    return new ClientCall(this.#core, 'GET', input, options);
  }

  post(input: Input, options?: RequestOptions): ClientRequest<S> {
    return new ClientCall(this.#core, 'POST', input, options);
  }

  put(input: Input, options?: RequestOptions): ClientRequest<S> {
    return new ClientCall(this.#core, 'PUT', input, options);
  }

  patch(input: Input, options?: RequestOptions): ClientRequest<S> {
    return new ClientCall(this.#core, 'PATCH', input, options);
  }

  delete(input: Input, options?: RequestOptions): ClientRequest<S> {
    return new ClientCall(this.#core, 'DELETE', input, options);
  }

  head(input: Input, options?: RequestOptions): ClientRequest<S> {
    return new ClientCall(this.#core, 'HEAD', input, options);
  }
}

/** Where a client's requests go: its prefix or baseUrl, '' without one. */
function addressOf(options: KyOptions): string {
  const { prefix, baseUrl } = options as { prefix?: unknown; baseUrl?: unknown };
  const where = prefix ?? baseUrl;
  return where instanceof URL || typeof where === 'string' ? String(where) : '';
}

/**
 * A client for one service from its adapter and preset: what a service's own entry point uses,
 * so that a bundle importing only that service carries no other service's tables. Never throws:
 * options it cannot use give a client whose every call answers invalid-request naming the option,
 * as createClient does.
 */
export function createServiceClient<S extends HttpService>(adapter: HttpAdapter<S>, preset: HttpPreset<S>, options: ServiceClientOptions<S> = {}): Client<S> {
  try {
    return buildServiceClient(adapter, preset, options);
  } catch (thrown) {
    const problem = thrown instanceof ClientOptionsError ? thrown.message : `the options could not be used: ${String(thrown)}`;
    return refusedClient(adapter.service, misuseError(adapter.service, `extralife ${adapter.service} client: ${problem}`, thrown));
  }
}

/** createServiceClient, but throwing a ClientOptionsError for options that are a bug in the program (see checkClientOptions). */
export function buildServiceClient<S extends HttpService>(adapter: HttpAdapter<S>, preset: HttpPreset<S>, options: ServiceClientOptions<S> = {}): Client<S> {
  const checked = checkClientOptions(preset, options);
  // The body bound is the client's, not ky's: ky never sees it.
  const { maxBodyBytes: givenLimit, ...kyOptions } = checked.kyOptions as typeof checked.kyOptions & { maxBodyBytes?: unknown };
  const maxBodyBytes = givenLimit === undefined ? DEFAULT_MAX_BODY_BYTES : checkMaxBodyBytes(givenLimit);
  if (typeof maxBodyBytes === 'string') throw new ClientOptionsError(maxBodyBytes);
  const instance = ky.create({ ...kyOptions, retry: 0, throwHttpErrors: false });
  // ky's own json() keeps an Accept the caller set: so does the client's.
  const kyJson = hasHeader(kyOptions.headers, 'accept') ? instance : instance.extend({ headers: { accept: 'application/json' } });
  const address = addressOf(kyOptions);
  const core = new ClientCore<S>({
    adapter,
    preset,
    ky: instance,
    retry: retryCoreFor({
      adapter,
      policy: checked.policy,
      scope: checked.scope,
      budget: checked.budget,
      // One gate per service and address: clients of one service at one prefix share it in a scope.
      gateKey: address === '' ? adapter.service : `${adapter.service} ${address}`,
      auth: checked.auth,
      gateSpreadMs: checked.gateSpreadMs,
      defaultGateSpreadMs: preset.gateSpreadMs,
      observers: { onRetry: options.onRetry, onGiveUp: options.onGiveUp, onRefresh: options.onRefresh },
    }),
    authHeader: options.auth?.header ?? preset.auth.header,
    authScheme: options.auth?.scheme ?? preset.auth.scheme,
    poll: checked.poll,
    onPoll: options.onPoll,
    signal: checked.signal,
    secrets: checked.secrets,
    attemptTimeout: attemptTimeoutOf(kyOptions.timeout),
    address,
    prefixed: typeof (kyOptions as { prefix?: unknown }).prefix === 'string' ? (kyOptions as { prefix: string }).prefix !== '' : (kyOptions as { prefix?: unknown }).prefix instanceof URL,
    maxBodyBytes,
    kyJson,
    plainTransport: kyOptions.hooks === undefined && kyOptions.fetch === undefined,
  });
  return new ServiceClient(core);
}
