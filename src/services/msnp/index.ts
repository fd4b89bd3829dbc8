export { msnpCatalog, type MsnpCatalogEntry, type MsnpCode } from '../../catalog/generated/msnp.ts';
export { lookupMsnp } from './catalog.ts';
