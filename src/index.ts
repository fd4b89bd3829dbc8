export { catalog, lookup } from './catalog/index.ts';
export { adapters, classify, classifyResponse, httpAdapters } from './classify.ts';
export type { Adapter, ClassifyContext, HttpAdapter, ResponseSnapshot, SuccessReading } from './core/adapter.ts';
export { RETRY_AFTER_MAX_MS } from './core/http/retry-after.ts';
export type { CatalogEntry } from './core/catalog-entry.ts';
export { CATEGORIES, RETRY_ADVICE, RETRY_BY_CATEGORY, isCategory, isRetryAdvice, type Category, type RetryAdvice } from './core/category.ts';
export { TRANSPORT_CODES, type CodeOf, type KnownCodes, type TransportCode, type UncataloguedCode } from './core/codes.ts';
export { GameServiceError, isGameServiceError, type GameServiceErrorInit } from './core/error.ts';
export { SERVICES, HTTP_SERVICES, isService, type HttpService, type Service } from './core/service.ts';
