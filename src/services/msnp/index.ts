export { msnpCatalog, type MsnpCatalogEntry, type MsnpCode } from '../../catalog/generated/msnp.ts';
export { classifyMsnp, msnpAdapter } from './adapter.ts';
export { lookupMsnp } from './catalog.ts';
export type { MsnpClassifyContext } from './context.ts';
export { parseMsnpLine, type MsnpLine, type MsnpLineOptions } from './line.ts';
export { MSNP_PAYLOAD_COMMANDS, type PayloadCommand } from './payload-commands.ts';
export { withMsnpRetry, type MsnpRetryOptions } from './with-retry.ts';
