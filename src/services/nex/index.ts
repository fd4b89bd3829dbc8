export { nexCatalog, type NexCatalogEntry, type NexCode } from '../../catalog/generated/nex.ts';
export { lookupNex } from './catalog.ts';
export { NEX_MODULES, toDisplayCode, toResultCode, type NexModule } from './result-code.ts';
