import type { ClassifyContext } from './adapter.ts';
import type { CodeEntry } from './catalog-entry.ts';
import { RETRY_BY_CATEGORY, type Category } from './category.ts';
import { asCode } from './codes.ts';
import { CATALOG_TEXT, GameServiceError, type GameServiceErrorInit } from './error.ts';
import { isError } from './safe.ts';
import type { Service } from './service.ts';
import { thrownReason, type TransportFailure } from './thrown.ts';

/** What an adapter read from a raw answer that carried a service code. */
export interface CodeFacts {
  readonly code: string;
  /** The catalog's entry for the code, when it has one. */
  readonly entry?: CodeEntry | undefined;
  /** For a code the catalog lacks: the category its range or the HTTP status suggests. */
  readonly fallback?: { readonly category: Category; readonly description: string } | undefined;
  /** A category the answer itself proves over the code's own (a generic code sent with HTTP 429). */
  readonly proven?: Category | undefined;
  readonly status?: number | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
  readonly received?: unknown;
  readonly cause?: unknown;
}

const UNCATALOGUED = 'The service reported a code this catalog does not hold.';

/** The error for a service code, from the catalog where it knows the code. */
export function errorFromCode<S extends Service>(service: S, facts: CodeFacts, context?: ClassifyContext): GameServiceError<S> {
  const { entry } = facts;
  const category = facts.proven ?? entry?.category ?? facts.fallback?.category ?? 'unknown';
  const init: GameServiceErrorInit<S> = {
    service,
    code: asCode(service, facts.code),
    codeName: entry?.name,
    category,
    retry: facts.proven === undefined ? entry?.retry ?? RETRY_BY_CATEGORY[category] : RETRY_BY_CATEGORY[category],
    description: entry?.description ?? facts.fallback?.description ?? UNCATALOGUED,
    status: facts.status,
    retryAfterMs: facts.retryAfterMs,
    details: facts.details,
    request: context?.request,
    received: facts.received,
    cause: facts.cause,
    secrets: context?.secrets,
  };
  // A catalogued code's name and description are the catalog's own words: nothing in them to redact.
  if (entry === undefined || facts.code !== entry.code) return new GameServiceError(init);
  const marked = { ...init, [CATALOG_TEXT]: true };
  return new GameServiceError(marked);
}

/** The error for a failure below the service: no answer, so no service code. */
export function errorFromTransport<S extends Service>(service: S, failure: TransportFailure, raw: unknown, context?: ClassifyContext): GameServiceError<S> {
  return new GameServiceError({
    service,
    code: failure.code,
    category: failure.category,
    retry: failure.retry,
    description: failure.description,
    details: { ...(failure.errno === undefined ? {} : { errno: failure.errno }), notSent: failure.notSent, ...(failure.permanent === undefined ? {} : { permanent: failure.permanent }) },
    request: context?.request,
    cause: isError(raw) ? raw : undefined,
    received: isError(raw) ? undefined : raw,
    secrets: context?.secrets,
  });
}

/** The error for a value nothing could be read from. */
export function unknownError<S extends Service>(service: S, raw: unknown, context?: ClassifyContext, description = 'The failure could not be classified: no service code or transport failure could be read from it.'): GameServiceError<S> {
  // What was thrown says why, where nothing else does: the message carries it, not only the cause.
  const reason = thrownReason(raw);
  return new GameServiceError({
    service,
    code: 'UNKNOWN',
    category: 'unknown',
    retry: 'never',
    description: reason === undefined ? description : `${description} It said: ${reason}`,
    request: context?.request,
    cause: isError(raw) ? raw : undefined,
    received: isError(raw) ? undefined : raw,
    secrets: context?.secrets,
  });
}
