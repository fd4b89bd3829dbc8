export { coralCatalog, type CoralCatalogEntry, type CoralCode } from '../../catalog/generated/coral.ts';
export { lookupCoral } from './catalog.ts';
