export { catalog, lookup } from './catalog/index.ts';
export { adapters, classify, classifyResponse, httpAdapters, type ClassifyResponseContext } from './classify.ts';
export type { Adapter, ClassifyContext, HttpAdapter, ResponseSnapshot, SuccessReading } from './core/adapter.ts';
export { RETRY_AFTER_MAX_MS } from './core/http/retry-after.ts';
export type { CatalogEntry } from './core/catalog-entry.ts';
export { CATEGORIES, RETRY_ADVICE, RETRY_BY_CATEGORY, isCategory, isRetryAdvice, type Category, type RetryAdvice } from './core/category.ts';
export { TRANSPORT_CODES, type CodeOf, type KnownCodes, type TransportCode, type UncataloguedCode } from './core/codes.ts';
export { GameServiceError, isGameServiceError, type AnyGameServiceError, type GameServiceErrorInit } from './core/error.ts';
export { SERVICES, HTTP_SERVICES, isService, type HttpService, type Service } from './core/service.ts';
export { createClient } from './create-client.ts';
export type { AcceptingUndefined, BodyLimitOptions, Client, ClientOptions, ClientRequest, ClientRetryOptions, KyPassThroughOptions, PollEvent, RequestOptions, ServiceClientOptions } from './client/types.ts';
export { DEFAULT_MAX_BODY_BYTES } from './client/body.ts';
export type { PollPolicy } from './client/preset.ts';
export { withRetry, type WithRetryOptions } from './with-retry.ts';
export type { AttemptContext, OperationValue, RetryOperationOptions } from './retry/operation.ts';
export type { RetryOptions } from './retry/policy.ts';
export type { AuthOptions } from './retry/tokens.ts';
export type { GiveUpEvent, GiveUpReason, RefreshEvent, RetryEvent, RetryObservers } from './retry/events.ts';
export { createRetryScope, GateClosed, type GatePass, type RenewalOutcome, type RetryScope, type RetryScopeOptions, type ScopeBudget, type ScopeGate, type ScopePauses, type ScopeRenewals, type ScopeWait } from './retry/scope.ts';
export type { RetryBudgetOptions } from './retry/budget.ts';
// The Result types every call returns, and their constructors for withRetry operations: taken
// from here, they are the very ones extralife was built with, whatever neverthrow the app has.
export { err, errAsync, ok, okAsync, Err, Ok, Result, ResultAsync } from 'neverthrow';
