export { companionCatalog, type CompanionCatalogEntry, type CompanionCode } from '../../catalog/generated/companion.ts';
export { lookupCompanion } from './catalog.ts';
