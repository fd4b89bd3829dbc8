export { nexCatalog, type NexCatalogEntry, type NexCode } from '../../catalog/generated/nex.ts';
export { classifyNex, nexAdapter, readRmcResponse, type NexClassifyContext } from './adapter.ts';
export { lookupNex } from './catalog.ts';
export { NEX_MODULES, toDisplayCode, toResultCode, type NexModule } from './result-code.ts';
export type { RmcFailureResponse, RmcResponse, RmcSuccessResponse } from './rmc.ts';
export { withNexRetry } from './with-retry.ts';
