import type { ClassifyContext, HttpAdapter, ResponseSnapshot } from '../core/adapter.ts';
import { GameServiceError } from '../core/error.ts';
import type { HttpService } from '../core/service.ts';
import { now } from '../retry/sleep.ts';

const NOT_JSON = Symbol('not JSON');
const UNPARSED = Symbol('unparsed');
const decoder = new TextDecoder();

/** Content types whose body an adapter can read: text and JSON. */
const TEXTUAL = /^(?:text\/|application\/(?:[\w.+-]*\+)?json\b)/i;

/** True when a body of this content type is worth decoding as text for the adapter: text, JSON, or unsaid. */
export function isTextual(headers: Headers): boolean {
  const type = headers.get('content-type');
  return type === null || type === '' || TEXTUAL.test(type);
}

/** A success body read once: its bytes, and the text and JSON made from them on first use. */
export class SuccessBody {
  readonly bytes: Uint8Array;
  #text: string | undefined;
  #parsed: unknown = UNPARSED;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** The body decoded as UTF-8, a byte order mark dropped, as fetch's `text()` does. */
  get text(): string {
    this.#text ??= decoder.decode(this.bytes);
    return this.#text;
  }

  /** The body parsed from JSON, or NOT_JSON when it is not JSON. */
  get parsed(): unknown {
    if (this.#parsed === UNPARSED) {
      try {
        this.#parsed = JSON.parse(this.text);
      } catch {
        this.#parsed = NOT_JSON;
      }
    }
    return this.#parsed;
  }

  /** An ArrayBuffer of its own, so that what the caller does to it changes no other reading. */
  arrayBuffer(): ArrayBuffer {
    const { bytes } = this;
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
}

/** A 2xx answer as the adapter is shown it: the parsed object when the body is a JSON object, else its text. */
export function successSnapshot(response: Response, body: SuccessBody | undefined, decode: boolean): ResponseSnapshot {
  const { status, headers } = response;
  if (body === undefined || !decode) return { status, headers };
  const { text } = body;
  if (text === '') return { status, headers };
  const { parsed } = body;
  return { status, headers, body: typeof parsed === 'object' && parsed !== null ? parsed : text };
}

/** The answer a call settled with: the Response, and its body once read. */
export class CallAnswer {
  readonly response: Response;
  /** What errors made from this answer need: the secrets sent, the request. */
  readonly context: ClassifyContext;
  /** The body, when the call read it (a body method was called with the call, or the service's verdict is in its body). */
  body: SuccessBody | undefined;
  /** The adapter's value for the body read with the verdict (Coral's `result`); undefined when the verdict needed no body. */
  readonly verdict: { readonly value: unknown } | undefined;
  /** The attempts the call made, this answer's included, and when it started (engine clock): for an error read from the body later. */
  readonly attempts: number;
  readonly startedAt: number;

  constructor(response: Response, context: ClassifyContext, body: SuccessBody | undefined, verdict: { readonly value: unknown } | undefined, attempts: number, startedAt: number) {
    this.response = response;
    this.context = context;
    this.body = body;
    this.verdict = verdict;
    this.attempts = attempts;
    this.startedAt = startedAt;
  }
}

/**
 * What `.json()` gives for a read body: the adapter's value (Coral's `result`, others the parsed
 * body) when the body is a JSON object; a JSON scalar as parsed; undefined for an empty body.
 * A body that is not JSON is an error: the caller asked for JSON and the answer is something else.
 */
export function jsonValue<S extends HttpService>(adapter: HttpAdapter<S>, answer: CallAnswer, body: SuccessBody): { ok: true; value: unknown } | { ok: false; error: GameServiceError<S> } {
  const { response, context } = answer;
  let verdict = answer.verdict;
  // A service whose status alone is the verdict has nothing in its body for the adapter to read.
  if (verdict === undefined && adapter.successFromStatus !== true) {
    const reading = adapter.readSuccess(successSnapshot(response, body, true), context);
    if (reading.kind === 'failure') return { ok: false, error: reading.error };
    if (reading.kind === 'value') verdict = { value: reading.value };
  }
  if (body.text === '') return { ok: true, value: verdict?.value };
  const { parsed } = body;
  if (parsed === NOT_JSON) {
    // The call's last error, read from the body after the engine was done: it carries what the engine's would.
    const error = new GameServiceError<S>({
      service: adapter.service,
      code: 'UNKNOWN',
      category: 'unknown',
      retry: 'never',
      status: response.status,
      description: 'The answer was a success, but its body is not the JSON that was asked for.',
      request: context.request,
      received: { status: response.status, body: body.text },
      secrets: context.secrets,
      attempts: answer.attempts,
      elapsedMs: Math.round(now() - answer.startedAt),
    });
    return { ok: false, error };
  }
  const isObject = typeof parsed === 'object' && parsed !== null;
  return { ok: true, value: isObject && verdict !== undefined ? verdict.value : parsed };
}
