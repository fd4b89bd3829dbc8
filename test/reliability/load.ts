/**
 * A load run: many calls through the real client, a bounded number at a time, against a
 * loopback server that fails a seeded share of requests in every way a service and the network
 * between can fail. Shared by the CI test and `scripts/soak.ts`; it returns figures, and the
 * caller decides what to assert or print.
 */
import { inspect } from 'node:util';
import type { Result } from 'neverthrow';
import { createClient } from '../../src/create-client.ts';
import type { Client } from '../../src/client/types.ts';
import type { GameServiceError } from '../../src/core/error.ts';
import type { HttpService } from '../../src/core/service.ts';
import { DEFAULT_BUDGET } from '../../src/retry/budget.ts';
import type { GiveUpReason } from '../../src/retry/events.ts';
import { badGatewayPage, networkError, serviceSuccess, startLoopbackServer, truncate, type LoopbackServer } from '../../src/testing/index.ts';
import { answerFor, MAINTENANCE, RATE_LIMITED, TOKEN_EXPIRED } from '../../src/testing/scenarios/service-answers.ts';
import { contractProblems } from './contract.ts';

export const FAULT_KINDS = ['token-expiry', 'rate-limit', 'maintenance', 'bad-gateway-html', 'socket-reset', 'truncated-body', 'malformed-json'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface LoadOptions {
  readonly calls: number;
  readonly concurrency: number;
  /** The same seed injects the same faults into the same requests (by arrival order). @default 1 */
  readonly seed?: number;
  /** The share of requests that fail. @default 1/3 */
  readonly faultRate?: number;
  /** The services the calls go to, in turn. @default every HTTP service */
  readonly services?: readonly HttpService[];
}

/**
 * The client options every run uses: real timers, but every wait a few milliseconds. The time
 * limits are far above what a call takes, so that a busy machine, not the faults, never decides
 * whether a call succeeds.
 */
export const LOAD_RETRY = {
  limit: 3,
  maxRetryTime: 60_000,
  maxRetryAfter: 25,
  rateLimitWaitMs: 10,
  maintenanceWaitMs: 20,
  backoff: { baseMs: 2, capMs: 20 },
  gateSpreadMs: 5,
} as const;
/** Each attempt's own limit (ky's timeout). */
const ATTEMPT_TIMEOUT_MS = 30_000;
/**
 * A call not settled by then counts as hung: the whole call is bounded by maxRetryTime, and the
 * margin is wide because a busy machine runs timers late.
 */
const HUNG_AFTER_MS = LOAD_RETRY.maxRetryTime + ATTEMPT_TIMEOUT_MS + 30_000;

export interface LoadFigures {
  readonly calls: number;
  readonly concurrency: number;
  readonly elapsedMs: number;
  /** Requests that reached the server. */
  readonly requests: number;
  readonly faults: Readonly<Record<FaultKind, number>>;
  /** Requests turned away because their token had expired already (not injected: a consequence). */
  readonly staleTokenAnswers: number;
  readonly settled: number;
  readonly ok: number;
  readonly errByCategory: Readonly<Record<string, number>>;
  readonly giveUps: Readonly<Record<string, number>>;
  /** Calls whose promise never settled within the bound. */
  readonly hung: number;
  /** Calls whose promise rejected instead of resolving to a Result. */
  readonly rejected: number;
  readonly unhandledRejections: number;
  /** Errors that fail the GameServiceError contract, with why. */
  readonly invalidErrors: readonly string[];
  /** Calls whose server-side attempts exceed the limit (one more for a token renewal). */
  readonly overLimit: readonly string[];
  readonly maxAttempts: number;
  /** Whether an error's `attempts` disagrees with what the server saw for that call. */
  readonly attemptMismatches: readonly string[];
  readonly refreshes: number;
  readonly tokensExpired: number;
  /** The most refreshToken calls for one rejected token: 1 when renewals are single-flight. */
  readonly maxRefreshesPerToken: number;
  /** The most calls rejected with one token, all served by its one renewal. */
  readonly maxCallsSharingARefresh: number;
  /** Retry budget of all clients together: tokens the retries took, their capacity, and the most successes could have given back. */
  readonly budget: { readonly retries: number; readonly spent: number; readonly capacity: number; readonly refundBound: number };
  /** Rendered errors that contain a token the client sent. */
  readonly leakedSecrets: number;
}

/** A small seeded generator (mulberry32), so a failing run fails the same way again. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function counter<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** Where each service's calls go, and how. */
const ROUTES: Readonly<Record<HttpService, { readonly method: 'get' | 'post'; readonly path: string; readonly tokenHeader: string }>> = {
  coral: { method: 'post', path: 'v3/Friend/List', tokenHeader: 'authorization' },
  companion: { method: 'get', path: 'market/items/catalog/5', tokenHeader: 'token' },
  platform: { method: 'get', path: 'player/profile', tokenHeader: 'authorization' },
  lobby: { method: 'get', path: 'lobbies/lobby-1', tokenHeader: 'authorization' },
};

/** One service's side of the run: the tokens it issued and accepts, and its renewals. */
class TokenAuthority {
  readonly service: HttpService;
  readonly valid = new Set<string>();
  readonly issued: string[] = [];
  readonly expired = new Set<string>();
  readonly refreshesByToken = new Map<string, number>();
  readonly rejectedCallsByToken = new Map<string, Set<string>>();
  current: string;
  #next = 0;

  constructor(service: HttpService) {
    this.service = service;
    this.current = this.#issue();
  }

  #issue(): string {
    this.#next += 1;
    // Long and random-looking, as real tokens are: the redaction must catch it by value.
    const token = `${this.service}-tok-${String(this.#next).padStart(4, '0')}-${Math.random().toString(36).slice(2, 14)}${Math.random().toString(36).slice(2, 14)}`;
    this.issued.push(token);
    this.valid.add(token);
    return token;
  }

  expire(token: string): void {
    this.valid.delete(token);
    this.expired.add(token);
  }

  readonly auth = {
    getToken: (): string => this.current,
    refreshToken: async (rejected: string): Promise<string> => {
      this.refreshesByToken.set(rejected, (this.refreshesByToken.get(rejected) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2));
      this.current = this.#issue();
      return this.current;
    },
  };
}

function tokenOf(request: Request, header: string): string | undefined {
  const value = request.headers.get(header);
  if (value === null) return undefined;
  return header === 'authorization' ? value.replace(/^Bearer /, '') : value;
}

function malformed(service: HttpService, ok: boolean): Response {
  const body = service === 'coral' ? '{"status": 0, "result": {"friends": [' : '{"id": "lobby-1", "players": [{"id": "p-1"';
  return new Response(body, { status: ok ? 200 : 500, headers: { 'content-type': 'application/json' } });
}

/** Runs the load and gathers its figures. Rejects only if the loopback server cannot start. */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const services = options.services ?? (['coral', 'companion', 'platform', 'lobby'] as const);
  const random = seeded(options.seed ?? 1);
  const faultRate = options.faultRate ?? 1 / 3;
  const faults = counter(FAULT_KINDS);
  const authorities = new Map(services.map((service) => [service, new TokenAuthority(service)]));
  const attemptsByCall = new Map<string, number>();
  /** Answers asking the call to wait (rate limit, maintenance): the retries after them are waits, not counted against the limit. */
  const waitsByCall = new Map<string, number>();
  let requests = 0;
  let staleTokenAnswers = 0;

  const respond = async (request: Request): Promise<Response> => {
    requests += 1;
    const url = new URL(request.url);
    const service = url.pathname.split('/')[1] as HttpService;
    const authority = authorities.get(service);
    const call = url.searchParams.get('call') ?? '?';
    attemptsByCall.set(call, (attemptsByCall.get(call) ?? 0) + 1);
    if (authority === undefined) return new Response('no such service', { status: 404 });
    const token = tokenOf(request, ROUTES[service].tokenHeader);
    const success = (): Response => serviceSuccess(service, { call, players: [{ id: 'p-1' }] });
    if (token === undefined || !authority.valid.has(token)) {
      staleTokenAnswers += 1;
      if (token !== undefined) {
        const calls = authority.rejectedCallsByToken.get(token) ?? new Set<string>();
        calls.add(call);
        authority.rejectedCallsByToken.set(token, calls);
      }
      return answerFor(service, TOKEN_EXPIRED[service]);
    }
    const roll = random();
    const pick = random();
    if (roll >= faultRate) return success();
    const kind = FAULT_KINDS[Math.min(FAULT_KINDS.length - 1, Math.floor(pick * FAULT_KINDS.length))] ?? 'socket-reset';
    faults[kind] += 1;
    switch (kind) {
      case 'token-expiry': {
        // Kakao's platform has no renewable token: its 401 is final, and the token stays.
        if (service !== 'platform') authority.expire(token);
        const calls = authority.rejectedCallsByToken.get(token) ?? new Set<string>();
        calls.add(call);
        authority.rejectedCallsByToken.set(token, calls);
        return answerFor(service, TOKEN_EXPIRED[service]);
      }
      // Hints of 0 s: a hint longer than maxRetryAfter would end the call, and one second a fault
      // would pause the whole bucket and stretch the run.
      case 'rate-limit':
        waitsByCall.set(call, (waitsByCall.get(call) ?? 0) + 1);
        return service === 'companion'
          ? new Response(null, { status: 429, headers: { 'retry-after': '0' } })
          : answerFor(service, RATE_LIMITED[service], { retryAfter: 0 });
      case 'maintenance':
        waitsByCall.set(call, (waitsByCall.get(call) ?? 0) + 1);
        return answerFor(service, MAINTENANCE[service], { retryAfter: 0 });
      case 'bad-gateway-html':
        return badGatewayPage();
      case 'socket-reset':
        return networkError();
      case 'truncated-body':
        return truncate(success());
      case 'malformed-json':
        return malformed(service, random() < 0.5);
    }
  };

  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);

  let server: LoopbackServer | undefined;
  const giveUps = counter<GiveUpReason>(['final', 'not-idempotent', 'limit', 'time', 'budget', 'refresh', 'cancelled']);
  let retries = 0;
  let spent = 0;
  const started = performance.now();
  const errByCategory: Record<string, number> = {};
  const invalidErrors: string[] = [];
  const attemptMismatches: string[] = [];
  let ok = 0;
  let settled = 0;
  let hung = 0;
  let rejectedPromises = 0;
  let leakedSecrets = 0;
  const succeeded = new Set<string>();
  try {
    server = await startLoopbackServer(respond);
    const origin = server.url;
    const clients = new Map<HttpService, Client<HttpService>>();
    for (const service of services) {
      const authority = authorities.get(service);
      clients.set(
        service,
        createClient<HttpService>({
          service,
          prefix: `${origin}/${service}/`,
          timeout: ATTEMPT_TIMEOUT_MS,
          ...(authority === undefined ? {} : { auth: authority.auth }),
          retry: { ...LOAD_RETRY },
          onRetry: (event) => {
            // A renewal's retry is owed to the expired token and costs the budget nothing.
            if (event.error.retry === 'refresh') return;
            retries += 1;
            spent += event.error.category === 'timeout' ? DEFAULT_BUDGET.timeoutCost : DEFAULT_BUDGET.retryCost;
          },
          onGiveUp: (event) => {
            giveUps[event.reason] += 1;
          },
        }),
      );
    }
    const allTokens = (): string[] => [...authorities.values()].flatMap((authority) => authority.issued);

    const one = async (index: number): Promise<void> => {
      const service = services[index % services.length] ?? 'lobby';
      const route = ROUTES[service];
      const client = clients.get(service);
      if (client === undefined) return;
      const call = `${service}-${String(index)}`;
      const pending: Promise<Result<unknown, GameServiceError>> = Promise.resolve(client[route.method](`${route.path}?call=${call}`).json());
      let timer: ReturnType<typeof setTimeout> | undefined;
      const watchdog = new Promise<'hung'>((resolve) => {
        timer = setTimeout(() => { resolve('hung'); }, HUNG_AFTER_MS);
      });
      let outcome: Result<unknown, GameServiceError> | 'hung';
      try {
        outcome = await Promise.race([pending, watchdog]);
      } catch {
        rejectedPromises += 1;
        return;
      } finally {
        clearTimeout(timer);
      }
      if (outcome === 'hung') {
        hung += 1;
        return;
      }
      settled += 1;
      if (outcome.isOk()) {
        ok += 1;
        succeeded.add(call);
        return;
      }
      const error = outcome.error;
      bump(errByCategory, error.category);
      const problems = contractProblems(error, service);
      if (problems.length > 0) invalidErrors.push(`${call}: ${problems.join('; ')}`);
      const seen = attemptsByCall.get(call) ?? 0;
      if (error.attempts !== undefined && error.attempts < seen) attemptMismatches.push(`${call}: error says ${String(error.attempts)} attempts, server saw ${String(seen)}`);
      const rendered = [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })].join('\n');
      if (allTokens().some((token) => rendered.includes(token))) leakedSecrets += 1;
    };

    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < options.calls) {
        const index = next;
        next += 1;
        await one(index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.calls) }, () => worker()));
  } finally {
    await server?.close();
    // Rejections are reported a turn after they happen: give them that turn before counting.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onUnhandled);
  }

  const limit = LOAD_RETRY.limit;
  const overLimit: string[] = [];
  let maxAttempts = 0;
  for (const [call, attempts] of attemptsByCall) {
    maxAttempts = Math.max(maxAttempts, attempts - (waitsByCall.get(call) ?? 0));
    // A token renewal's retry is not counted against the limit, nor are waits the service asked for.
    if (attempts - (waitsByCall.get(call) ?? 0) > limit + 2) overLimit.push(`${call}: ${String(attempts)} attempts`);
  }
  let refreshes = 0;
  let tokensExpired = 0;
  let maxRefreshesPerToken = 0;
  let maxCallsSharingARefresh = 0;
  for (const authority of authorities.values()) {
    tokensExpired += authority.expired.size;
    for (const [token, count] of authority.refreshesByToken) {
      refreshes += count;
      maxRefreshesPerToken = Math.max(maxRefreshesPerToken, count);
      maxCallsSharingARefresh = Math.max(maxCallsSharingARefresh, authority.rejectedCallsByToken.get(token)?.size ?? 0);
    }
  }
  // A success gives back what its last retry took (at most the timeout cost), or 1 when it needed none.
  let refundBound = 0;
  for (const call of succeeded) refundBound += (attemptsByCall.get(call) ?? 1) > 1 ? DEFAULT_BUDGET.timeoutCost : 1;
  return {
    calls: options.calls,
    concurrency: options.concurrency,
    elapsedMs: Math.round(performance.now() - started),
    requests,
    faults,
    staleTokenAnswers,
    settled,
    ok,
    errByCategory,
    giveUps,
    hung,
    rejected: rejectedPromises,
    unhandledRejections: unhandled.length,
    invalidErrors,
    overLimit,
    maxAttempts,
    attemptMismatches,
    refreshes,
    tokensExpired,
    maxRefreshesPerToken,
    maxCallsSharingARefresh,
    budget: { retries, spent, capacity: DEFAULT_BUDGET.capacity * services.length, refundBound },
    leakedSecrets,
  };
}

/** The figures as plain lines, ready to paste into a README. */
export function formatFigures(figures: LoadFigures): string {
  const list = (record: Readonly<Record<string, number>>): string =>
    Object.entries(record)
      .filter(([, count]) => count > 0)
      .sort(([, left], [, right]) => right - left)
      .map(([key, count]) => `${key} ${String(count)}`)
      .join(', ');
  const injected = Object.values(figures.faults).reduce((sum, count) => sum + count, 0);
  return [
    `calls:            ${String(figures.calls)} (${String(figures.concurrency)} at a time), ${String(figures.requests)} requests`,
    `faults injected:  ${String(injected)} (${(100 * injected / Math.max(1, figures.requests)).toFixed(1)}% of requests): ${list(figures.faults)}`,
    `stale tokens:     ${String(figures.staleTokenAnswers)} requests turned away with an already-expired token`,
    `settled:          ${String(figures.settled)} of ${String(figures.calls)}; hung ${String(figures.hung)}, rejected ${String(figures.rejected)}, unhandled rejections ${String(figures.unhandledRejections)}`,
    `ok:               ${String(figures.ok)}`,
    `err by category:  ${list(figures.errByCategory) || 'none'}`,
    `gave up because:  ${list(figures.giveUps) || 'none'}`,
    `attempts:         at most ${String(figures.maxAttempts)} per call besides waits the service asked for (limit ${String(LOAD_RETRY.limit)} retries, +1 after a renewal); over the limit: ${String(figures.overLimit.length)}`,
    `refreshes:        ${String(figures.refreshes)} for ${String(figures.tokensExpired)} expired tokens; at most ${String(figures.maxRefreshesPerToken)} per token, shared by up to ${String(figures.maxCallsSharingARefresh)} calls`,
    `retry budget:     ${String(figures.budget.retries)} retries took ${String(figures.budget.spent)} tokens (capacity ${String(figures.budget.capacity)} + at most ${String(figures.budget.refundBound)} given back)`,
    `invalid errors:   ${String(figures.invalidErrors.length)}; errors showing a token: ${String(figures.leakedSecrets)}`,
    `time:             ${(figures.elapsedMs / 1000).toFixed(2)} s (${(figures.calls / Math.max(1, figures.elapsedMs) * 1000).toFixed(0)} calls/s)`,
  ].join('\n');
}

/** The kinds of resource that would keep a process alive after a run: timers, sockets, servers. */
const LINGERING = /^(?:Timeout|TCP|Pipe|TTY|UDP|FSReq|GetAddrInfo|Immediate)/;

function lingering(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) if (LINGERING.test(kind)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/**
 * What is still active beyond `baseline` once closing sockets have had up to `withinMs` to
 * finish closing, as `kind: count` lines; empty when nothing is left behind.
 */
export async function leftBehind(baseline: ReadonlyMap<string, number>, withinMs = 10_000): Promise<string[]> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const extra = [...lingering()].filter(([kind, count]) => count > (baseline.get(kind) ?? 0)).map(([kind, count]) => `${kind}: ${String(count - (baseline.get(kind) ?? 0))}`);
    if (extra.length === 0 || performance.now() >= deadline) return extra;
    // A closing socket needs a turn of the loop or two; an Immediate is not counted once it ran.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The lingering resources now, to compare against after a run. */
export function resourceBaseline(): Map<string, number> {
  return lingering();
}
