export { platformCatalog, type PlatformCatalogEntry, type PlatformCode } from '../../catalog/generated/platform.ts';
export { lookupPlatform } from './catalog.ts';
