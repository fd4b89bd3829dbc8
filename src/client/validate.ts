import type { Options as KyOptions } from 'ky';
import type { HttpService } from '../core/service.ts';
import type { RetryBudgetOptions } from '../retry/budget.ts';
import { isRetryScope } from '../retry/core.ts';
import { resolvePolicy, RetryOptionProblem, unknownOptionIn, type RetryPolicy } from '../retry/policy.ts';
import type { RetryScope } from '../retry/scope.ts';
import type { AuthOptions } from '../retry/tokens.ts';
import { secretQueryValues } from '../core/redact.ts';
import { isObject } from '../core/safe.ts';
import { definedOptions } from './defined.ts';
import { secretHeaderValues } from './headers.ts';
import type { HttpPreset, PollPolicy } from './preset.ts';
import type { ServiceClientOptions } from './types.ts';

/** A client's options, checked and with every default filled in. */
export interface CheckedClientOptions {
  readonly kyOptions: KyOptions;
  readonly policy: RetryPolicy;
  /** The caller's scope, or undefined for one of the client's own. */
  readonly scope: RetryScope | undefined;
  /** The budget of the client's own scope. */
  readonly budget: RetryBudgetOptions | false;
  readonly gateSpreadMs: number | undefined;
  readonly auth: AuthOptions | undefined;
  readonly poll: PollPolicy | undefined;
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[] | undefined;
}

/** Client options that cannot be used: createClient turns it into a client that refuses every call. */
export class ClientOptionsError extends TypeError {
  override readonly name = 'ClientOptionsError';
}

function fail(message: string): never {
  throw new ClientOptionsError(message);
}

function isNonNegative(value: unknown, integer = false): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
}

function checkFunction(name: string, value: unknown, optional: boolean): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'function') fail(`${name} must be a function, got ${typeof value}.`);
}

/** What a client's `retry` takes beyond a call's (see ClientRetryOptions). */
const CLIENT_RETRY_KEYS = ['budget', 'gateSpreadMs'] as const;
const BUDGET_KEYS = ['capacity', 'retryCost', 'timeoutCost'] as const;

function checkBudget(defaults: RetryBudgetOptions, budget: unknown): RetryBudgetOptions | false {
  if (budget === false) return false;
  if (budget === undefined) return defaults;
  if (typeof budget !== 'object' || budget === null) fail(`retry.budget must be an object or false, got ${typeof budget}.`);
  const unknownKey = unknownOptionIn(budget, BUDGET_KEYS);
  if (unknownKey !== undefined) fail(`retry.budget.${unknownKey} is not a budget option; the options are ${BUDGET_KEYS.join(', ')}.`);
  const { capacity, retryCost, timeoutCost } = budget as Record<string, unknown>;
  for (const [name, value] of [['capacity', capacity], ['retryCost', retryCost], ['timeoutCost', timeoutCost]] as const) {
    if (value !== undefined && !isNonNegative(value)) fail(`retry.budget.${name} must be a finite non-negative number.`);
  }
  return { ...defaults, ...(budget as RetryBudgetOptions) };
}

function checkPoll(preset: PollPolicy | undefined, poll: unknown): PollPolicy | undefined {
  if (poll === undefined) return preset;
  if (typeof poll !== 'object' || poll === null) fail(`poll must be an object, got ${typeof poll}.`);
  const { limit, intervalMs } = poll as Partial<PollPolicy>;
  if (limit !== undefined && !isNonNegative(limit, true)) fail('poll.limit must be a non-negative integer.');
  if (intervalMs !== undefined && !isNonNegative(intervalMs)) fail('poll.intervalMs must be a finite non-negative number.');
  return { limit: limit ?? preset?.limit ?? 0, intervalMs: intervalMs ?? preset?.intervalMs ?? 0 };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** The largest timer Node and browsers keep: ky refuses anything longer. */
const MAX_TIMEOUT_MS = 2_147_483_647;
const HOOK_NAMES = ['init', 'beforeRequest', 'beforeRetry', 'beforeError', 'afterResponse'] as const;
const FUNCTION_OPTIONS = ['fetch', 'onDownloadProgress', 'onUploadProgress', 'stringifyJson'] as const;
/** Schemes fetch can send over: anything else (ftp:, file:, javascript:, data:) is a bug in the URL. */
const SCHEME = /^([a-z][a-z\d+.-]*):/i;

function checkTimeout(name: string, value: unknown): string | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    return `${name} must be a number of milliseconds above 0 and at most ${String(MAX_TIMEOUT_MS)}, or false, got ${describe(value)}.`;
  }
  return undefined;
}

function checkAddress(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && !(value instanceof URL)) return `${name} must be a string or a URL, got ${describe(value)}.`;
  const text = value instanceof URL ? value.href : value;
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return `${name} must be an http or https URL, got one with the scheme ${JSON.stringify(`${scheme.slice(0, 20)}:`)}.`;
  return undefined;
}

function checkHooks(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || Array.isArray(value)) return `hooks must be an object of arrays of functions, got ${describe(value)}.`;
  const hooks = value as Record<string, unknown>;
  for (const name of Object.keys(hooks)) {
    if (!(HOOK_NAMES as readonly string[]).includes(name)) return `hooks.${name.slice(0, 40)} is not a ky hook (${HOOK_NAMES.join(', ')}).`;
    const list = hooks[name];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `hooks.${name} must be an array of functions, got ${describe(list)}.`;
    const index = list.findIndex((hook) => typeof hook !== 'function');
    if (index !== -1) return `hooks.${name}[${String(index)}] must be a function, got ${describe(list[index])}.`;
  }
  return undefined;
}

/**
 * What is wrong with ky's options as given to the client or to one request, if anything: the
 * option named, so that nothing is sent with options ky would misread or throw on.
 */
export function kyOptionsProblem(options: Readonly<Record<string, unknown>>): string | undefined {
  const { timeout, totalTimeout, hooks, prefix, baseUrl, headers, searchParams, signal, credentials, context } = options;
  const problem = checkTimeout('timeout', timeout) ?? checkTimeout('totalTimeout', totalTimeout) ?? checkHooks(hooks) ?? checkAddress('prefix', prefix) ?? checkAddress('baseUrl', baseUrl);
  if (problem !== undefined) return problem;
  for (const name of FUNCTION_OPTIONS) {
    const value = options[name];
    if (value !== undefined && typeof value !== 'function') return `${name} must be a function, got ${describe(value)}.`;
  }
  if (headers !== undefined && !isObject(headers)) return `headers must be an object, a Headers or an array of pairs, got ${describe(headers)}.`;
  if (searchParams !== undefined && typeof searchParams !== 'string' && !isObject(searchParams)) return `searchParams must be a string, an object, an array of pairs or a URLSearchParams, got ${describe(searchParams)}.`;
  if (signal !== undefined && signal !== null && !(signal instanceof AbortSignal)) return `signal must be an AbortSignal, got ${describe(signal)}.`;
  if (credentials !== undefined && credentials !== 'omit' && credentials !== 'same-origin' && credentials !== 'include') return `credentials must be 'omit', 'same-origin' or 'include', got ${describe(credentials)}.`;
  if (context !== undefined && (!isObject(context) || Array.isArray(context))) return `context must be an object, got ${describe(context)}.`;
  return undefined;
}

/** What is wrong with one request's options, if anything: ky's and the client's own. */
export function requestOptionsProblem(options: Readonly<Record<string, unknown>>): string | undefined {
  const { idempotent, idempotencyKey, rateLimitKey } = options;
  if (idempotent !== undefined && typeof idempotent !== 'boolean') return `idempotent must be true or false, got ${describe(idempotent)}.`;
  if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || idempotencyKey === '')) return `idempotencyKey must be a non-empty string, got ${describe(idempotencyKey)}.`;
  if (rateLimitKey !== undefined && (typeof rateLimitKey !== 'string' || rateLimitKey === '')) return `rateLimitKey must be a non-empty string, got ${describe(rateLimitKey)}.`;
  return kyOptionsProblem(options);
}

/**
 * Checks a client's options. What can only be a bug in the program (no options object, auth
 * without its functions, a negative retry limit) throws a ClientOptionsError naming the option;
 * createClient turns it into a client whose every call answers with that problem.
 */
export function checkClientOptions<S extends HttpService>(preset: HttpPreset<S>, options: ServiceClientOptions<S>): CheckedClientOptions {
  // Checked as unknown: JavaScript callers and casts reach here with anything.
  const given: unknown = options;
  if (!isObject(given)) fail(`options must be an object, got ${given === null ? 'null' : typeof given}.`);
  const { auth, retry, poll, onRetry, onGiveUp, onRefresh, onPoll, signal, scope, ...rest } = options as ServiceClientOptions<S> & { service?: unknown };
  delete (rest as { service?: unknown }).service;

  const rawAuth: unknown = auth;
  if (rawAuth !== undefined) {
    if (!isObject(rawAuth)) fail(`auth must be an object with getToken and refreshToken, got ${rawAuth === null ? 'null' : typeof rawAuth}.`);
    const { getToken, refreshToken, header, scheme } = rawAuth as Record<string, unknown>;
    checkFunction('auth.getToken', getToken, false);
    checkFunction('auth.refreshToken', refreshToken, false);
    if (header !== undefined && (typeof header !== 'string' || header === '')) fail('auth.header must be a non-empty string.');
    if (scheme !== undefined && typeof scheme !== 'string') fail('auth.scheme must be a string.');
  }
  checkFunction('onRetry', onRetry, true);
  checkFunction('onGiveUp', onGiveUp, true);
  checkFunction('onRefresh', onRefresh, true);
  checkFunction('onPoll', onPoll, true);

  const policy = resolvePolicy(preset.retry, retry, CLIENT_RETRY_KEYS);
  if (policy instanceof RetryOptionProblem) fail(policy.message);
  const gateSpreadMs = retry?.gateSpreadMs;
  if (gateSpreadMs !== undefined && !isNonNegative(gateSpreadMs)) fail('retry.gateSpreadMs must be a finite non-negative number.');
  const rawScope: unknown = scope;
  if (rawScope !== undefined && !isRetryScope(rawScope)) fail('scope must be a retry scope (createRetryScope() or createRedisScope()).');
  // A shared scope's budget is the scope's: sized where the scope is made.
  if (rawScope !== undefined && retry?.budget !== undefined) fail('retry.budget cannot be used with scope: the scope\'s budget is shared; size it in createRetryScope({ budget }).');
  const rawSignal: unknown = signal;
  if (rawSignal !== undefined && rawSignal !== null && !(rawSignal instanceof AbortSignal)) fail('signal must be an AbortSignal.');

  // A call's own options (idempotent, idempotencyKey, rateLimitKey) given to the client from
  // JavaScript are checked too: a misspelt value is a bug, never silently ignored.
  const kyProblem = requestOptionsProblem(rest);
  if (kyProblem !== undefined) fail(kyProblem);
  const secrets = [...secretHeaderValues(rest.headers), ...secretQueryValues(rest.prefix), ...secretQueryValues(rest.searchParams)];
  return {
    kyOptions: definedOptions(rest),
    policy,
    scope,
    budget: checkBudget(preset.budget, retry?.budget),
    gateSpreadMs,
    auth,
    poll: checkPoll(preset.poll, poll),
    signal: signal ?? undefined,
    secrets: secrets.length === 0 ? undefined : secrets,
  };
}
