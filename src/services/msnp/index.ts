export { msnpCatalog, type MsnpCatalogEntry, type MsnpCode } from '../../catalog/generated/msnp.ts';
export { classifyMsnp, msnpAdapter } from './adapter.ts';
export { lookupMsnp } from './catalog.ts';
export { parseMsnpLine, type MsnpLine } from './line.ts';
export { withMsnpRetry } from './with-retry.ts';
